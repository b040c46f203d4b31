"""The /reviews/ page's filters. The API has its own (api/filters.py ReviewFilter)."""

from decimal import Decimal

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import F

from core.widgets import QuickSelect
from films.filters import genre_filter
from films.models import Film
from people.models import Person
from reviews.models import RATINGS, Review, stars


def critic_choices() -> list[tuple[str, str]]:
    """Every byline on a published review. Finding them scans the reviews, so the answer is
    cached for ten minutes: a new critic's reviews are in the list before their name is."""
    bylines = cache.get_or_set(
        "review-filter-bylines",
        lambda: list(
            Review.objects.published()
            .exclude(byline="")
            .order_by("byline")
            .values_list("byline", flat=True)
            .distinct()
        ),
        600,
    )
    return [(byline, byline) for byline in bylines]


class ReviewFilter(django_filters.FilterSet):
    # Each sort ends on the primary key so pages never repeat or skip a review.
    SORTS = {
        "-published_at": ("Newest first", [F("published_at").desc(nulls_last=True), "-id"]),
        "published_at": ("Oldest first", [F("published_at").asc(nulls_last=True), "id"]),
        "-rating": ("Highest rated", [F("rating").desc(nulls_last=True), "-published_at", "-id"]),
        "rating": ("Lowest rated", [F("rating").asc(nulls_last=True), "-published_at", "-id"]),
        "film": ("Film title, A–Z", ["film__title", "film__year", "-published_at", "-id"]),
    }

    rating = django_filters.ChoiceFilter(
        label="Rating",
        choices=[(str(rating), f"{stars(rating)} or more") for rating in reversed(RATINGS)],
        method="filter_rating",
        empty_label="Any rating",
    )
    genre = genre_filter("film__genres")
    critic = django_filters.ChoiceFilter(
        field_name="byline",
        choices=critic_choices,
        empty_label="Any critic",
        label="Critic",
        widget=QuickSelect,
    )
    # Links from a film's or a person's page to all its reviews and mentions; not in the panel.
    film = django_filters.ModelChoiceFilter(
        queryset=Film.objects.only("title", "year", "slug"),
        to_field_name="slug",
        widget=forms.HiddenInput,
        label="Film",
    )
    mentions_film = django_filters.ModelChoiceFilter(
        field_name="mentioned_films",
        queryset=Film.objects.only("title", "year", "slug"),
        to_field_name="slug",
        widget=forms.HiddenInput,
        label="Mentions the film",
    )
    mentions_person = django_filters.ModelChoiceFilter(
        field_name="mentioned_people",
        queryset=Person.objects.only("name", "slug"),
        to_field_name="slug",
        widget=forms.HiddenInput,
        label="Mentions",
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
        label="Sort by",
        widget=QuickSelect,
    )

    class Meta:
        model = Review
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # A sort the page does not offer (an old link, a typo) means the default order.
        if data is not None and data.get("sort", "") not in ("", *self.SORTS):
            data = data.copy()
            del data["sort"]
        super().__init__(data, *args, **kwargs)

    @property
    def subject(self) -> str:
        """What the list is narrowed to, for its heading: "of Amélie (2001)"."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        if film := data.get("film"):
            return f"of {film}"
        if mentioned := data.get("mentions_film") or data.get("mentions_person"):
            return f"that mention {mentioned}"
        return ""

    def filter_rating(self, queryset, name, value):
        return queryset.filter(rating__gte=Decimal(value))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*self.SORTS[value][1])
