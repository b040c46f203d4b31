"""The API's filters. Films reuse the site's FilmFilter (films/filters.py) and add the filters
only the API offers; people, reviews and credits have API-only filter sets.

Every ``sort`` ends on the primary key, so pages never repeat or skip a row.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django_filters.fields import BaseCSVField
from django_filters.rest_framework import DjangoFilterBackend

from core.validators import validate_imdb_name_id, validate_imdb_title_id, validate_wikidata_id
from films import filters as film_filters
from films.models import (
    FIRST_FILM_YEAR,
    LAST_FILM_YEAR,
    Country,
    Credit,
    CreditRole,
    Language,
    ReleaseDate,
)
from lists.models import FilmList
from people.models import Person
from reviews.models import RATINGS, Review


class FilterBackend(DjangoFilterBackend):
    """django-filter's, but a request naming none of the filters is left as it is: the filter
    set would copy every filter, build its form and validate it, a fifth of an uncached list,
    to filter nothing."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class and not names_a_filter(request.query_params, filterset_class):
            return queryset
        return super().filter_queryset(request, queryset, view)


def names_a_filter(params, filterset_class) -> bool:
    """Whether a query parameter is a filter's: its name, or its name and a suffix, as a range
    filter reads ``year_min`` and ``year_max``."""
    names = filterset_class.base_filters
    return any(key in names or key.rsplit("_", 1)[0] in names for key in params)


# Every list of things that change sorts by when they last did: for incremental sync.
BY_CHANGE = {
    "updated_at": ("Least recently changed first", ["updated_at", "id"]),
    "-updated_at": ("Most recently changed first", ["-updated_at", "-id"]),
}


def sort_filter(sorts: dict[str, tuple[str, list]], alias: bool = False):
    """A ``sort`` filter over named orderings: ``{key: (label, order_by arguments)}``; with
    ``alias``, ``ordering``, the same under the name DRF's clients know."""

    def order(queryset, name, value):
        return queryset.order_by(*sorts[value][1])

    return django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in sorts.items()],
        method=order,
        empty_label=None,
        label="The same as sort, under the name DRF clients know." if alias else "Sort by",
    )


class BoundedDateTimeField(forms.DateTimeField):
    """A date-time the database can store, in UTC: PostgreSQL refuses offsets beyond ±15:59
    (ISO 8601 allows up to ±23:59), and an offset must not push it out of years 1–9999."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is not None and timezone.is_aware(moment):
            try:
                moment = moment.astimezone(datetime.UTC)
            except OverflowError:
                raise forms.ValidationError(
                    "Enter a date and time between the years 1 and 9999.", code="invalid"
                ) from None
        return moment


class DateTimeFilter(django_filters.DateTimeFilter):
    field_class = BoundedDateTimeField


MAX_IN = 100


class AtMost100(BaseCSVField):
    def clean(self, value):
        values = super().clean(value)
        if values and len(values) > MAX_IN:
            raise forms.ValidationError(f"Ask for at most {MAX_IN} at once.", code="max_items")
        return values


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    base_field_class = AtMost100


class IdInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    field_class = forms.IntegerField
    base_field_class = AtMost100


class BulkMixin(django_filters.FilterSet):
    """Several objects in one read, by slug or by id: ``?slug__in=a,b`` or ``?id__in=1,2``."""

    slug__in = CharInFilter(
        field_name="slug",
        label=f"Only these, by slug, comma-separated (at most {MAX_IN})",
    )
    id__in = IdInFilter(
        field_name="id",
        min_value=1,
        max_value=2**63 - 1,  # a BigAutoField's; larger does not fit the column
        label=f"Only these, by id, comma-separated (at most {MAX_IN})",
    )


class ChangedSinceMixin(django_filters.FilterSet):
    """What changed at or after a moment: its own fields or, for a film, its credits,
    releases and images; for a person, their credits (api/feed.py moves updated_at on). With
    sort=updated_at a client pages through it; the change feed also lists deletions."""

    updated_since = DateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after this moment (ISO 8601), e.g. 2026-12-01T00:00:00Z",
    )


def credited(**conditions) -> Exists:
    """Films (as the outer query) with a credit matching ``conditions``."""
    return Exists(Credit.objects.filter(film=OuterRef("pk"), **conditions))


RELEASE_FILTERS = {
    "released_after": "date__gte",
    "released_before": "date__lte",
    "released_in": "country",
}


FILM_SORTS = {**film_filters.FilmFilter.SORTS, **BY_CHANGE}


class FilmFilter(BulkMixin, ChangedSinceMixin, film_filters.FilmFilter):
    lenient_sort = False  # a client's typo is a 400 naming the parameter
    SORTS = FILM_SORTS
    sort = sort_filter(FILM_SORTS)
    ordering = sort_filter(FILM_SORTS, alias=True)
    # Any ISO code is a valid question here (the answer may be no films); the HTML form lists
    # only the codes in use.
    country = django_filters.ModelChoiceFilter(
        field_name="countries",
        to_field_name="code",
        queryset=Country.objects.all(),
        label="Production country (code, e.g. US, or SUHH for the Soviet Union)",
    )
    language = django_filters.ModelChoiceFilter(
        field_name="languages",
        to_field_name="code",
        queryset=Language.objects.all(),
        label="Language (its shortest ISO 639 code, e.g. en or yue)",
    )
    year_min = django_filters.NumberFilter(
        field_name="year",
        lookup_expr="gte",
        min_value=FIRST_FILM_YEAR,
        max_value=LAST_FILM_YEAR,
        label="Released in or after this year",
    )
    year_max = django_filters.NumberFilter(
        field_name="year",
        lookup_expr="lte",
        min_value=FIRST_FILM_YEAR,
        max_value=LAST_FILM_YEAR,
        label="Released in or before this year",
    )
    person = django_filters.CharFilter(
        method="filter_person", label="Anyone credited, in any role (person slug)"
    )
    cast = django_filters.CharFilter(method="filter_cast", label="Cast member (person slug)")
    rating_min = django_filters.NumberFilter(
        method="filter_rating_min",
        min_value=RATINGS[0],
        max_value=RATINGS[-1],
        label="Average rating of published reviews at least this (0.5–5)",
    )
    collection = django_filters.CharFilter(
        field_name="collection__slug", label="In this collection (collection slug)"
    )
    released_after = django_filters.DateFilter(
        method="filter_released", label="Has a release on or after this date (YYYY-MM-DD)"
    )
    released_before = django_filters.DateFilter(
        method="filter_released", label="Has a release on or before this date (YYYY-MM-DD)"
    )
    released_in = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(),
        to_field_name="code",
        method="filter_released_in",
        label="Has a release in this country (code, e.g. FR); with the dates, that release",
    )
    imdb_id = django_filters.CharFilter(
        validators=[validate_imdb_title_id], label="IMDb id, e.g. tt0133093"
    )
    tmdb_id = django_filters.NumberFilter(min_value=1, label="TMDB id, e.g. 603")
    wikidata_id = django_filters.CharFilter(
        validators=[validate_wikidata_id], label="Wikidata id, e.g. Q83495"
    )
    # Every decade a film can be from (the site's menu stops at the present one); a fixed
    # list, so the schema can enumerate it.
    decade = django_filters.ChoiceFilter(
        choices=[(start, f"{start}s") for start in range(FIRST_FILM_YEAR, LAST_FILM_YEAR + 1, 10)],
        method="filter_decade",
        label="Released in this decade, named by its first year: 1990 is 1990 to 1999",
    )

    def filter_decade(self, queryset, name, value: int):
        # The type hint is for the schema: a decade is its first year, e.g. 1990.
        return super().filter_decade(queryset, name, value)

    def filter_person(self, queryset, name, value):
        return queryset.filter(credited(person__slug=value))

    def filter_cast(self, queryset, name, value):
        return queryset.filter(credited(person__slug=value, role=Credit.Role.CAST))

    def filter_released(self, queryset, name, value):
        # The dates and the country narrow the same release ("out in France in 1996"): all
        # three are applied by the first of them the form holds.
        given = [key for key in RELEASE_FILTERS if self.form.cleaned_data.get(key) is not None]
        if name != given[0]:
            return queryset
        conditions = {"film": OuterRef("pk")}
        for key, lookup in RELEASE_FILTERS.items():
            if (wanted := self.form.cleaned_data.get(key)) is not None:
                conditions[lookup] = wanted
        return queryset.filter(Exists(ReleaseDate.objects.filter(**conditions)))

    def filter_released_in(self, queryset, name, value: str):
        # value is the Country; the hint gives the schema the parameter's type, its code.
        return self.filter_released(queryset, name, value)

    def filter_rating_min(self, queryset, name, value):
        # Film.average_rating: of published reviews only.
        return queryset.filter(average_rating__gte=value)


PERSON_SORTS = {
    "name": ("Name", ["name", "id"]),
    "-name": ("Name, Z to A", ["-name", "-id"]),
    "born": ("Oldest first", [F("birth_date").asc(nulls_last=True), "name", "id"]),
    "-born": ("Youngest first", [F("birth_date").desc(nulls_last=True), "name", "id"]),
    **BY_CHANGE,
}


class PersonFilter(BulkMixin, ChangedSinceMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name contains")
    role = django_filters.ChoiceFilter(
        choices=CreditRole.choices, method="filter_credits", label="Has a credit in this role"
    )
    film = django_filters.CharFilter(
        method="filter_credits", label="Has a credit on this film (film slug)"
    )
    imdb_id = django_filters.CharFilter(
        validators=[validate_imdb_name_id], label="IMDb id, e.g. nm0000206"
    )
    tmdb_id = django_filters.NumberFilter(min_value=1, label="TMDB id, e.g. 6384")
    wikidata_id = django_filters.CharFilter(
        validators=[validate_wikidata_id], label="Wikidata id, e.g. Q43416"
    )
    sort = sort_filter(PERSON_SORTS)
    ordering = sort_filter(PERSON_SORTS, alias=True)

    class Meta:
        model = Person
        fields = []

    def filter_credits(self, queryset, name, value):
        # role and film narrow the same credit ("directed this film"): apply both at once.
        if name == "film" and self.form.cleaned_data.get("role"):
            return queryset  # already applied with the role
        conditions = {"person": OuterRef("pk")}
        if role := self.form.cleaned_data.get("role"):
            conditions["role"] = role
        if film := self.form.cleaned_data.get("film"):
            conditions["film__slug"] = film
        return queryset.filter(Exists(Credit.objects.filter(**conditions)))


REVIEW_SORTS = {
    "-published_at": ("Newest first", [F("published_at").desc(nulls_last=True), "-id"]),
    "published_at": ("Oldest first", [F("published_at").asc(nulls_last=True), "id"]),
    "-rating": ("Highest rated", [F("rating").desc(nulls_last=True), "-id"]),
    "rating": ("Lowest rated", [F("rating").asc(nulls_last=True), "id"]),
    **BY_CHANGE,
}


class ReviewFilter(BulkMixin, ChangedSinceMixin, django_filters.FilterSet):
    film = django_filters.CharFilter(field_name="film__slug", label="Film slug")
    rating_min = django_filters.NumberFilter(
        field_name="rating",
        lookup_expr="gte",
        min_value=RATINGS[0],
        max_value=RATINGS[-1],
        label="Rated at least this (0.5–5)",
    )
    published_after = DateTimeFilter(
        field_name="published_at", lookup_expr="gte", label="Published at or after (ISO 8601)"
    )
    published_before = DateTimeFilter(
        field_name="published_at", lookup_expr="lt", label="Published before (ISO 8601)"
    )
    author = django_filters.CharFilter(
        field_name="byline", lookup_expr="iexact", label="Byline, as printed (any case)"
    )
    critic = django_filters.CharFilter(field_name="critic__slug", label="Critic's slug")
    sort = sort_filter(REVIEW_SORTS)
    ordering = sort_filter(REVIEW_SORTS, alias=True)

    class Meta:
        model = Review
        fields = []


FILM_LIST_SORTS = {
    "-published_at": ("Newest first", [F("published_at").desc(nulls_last=True), "-id"]),
    "published_at": ("Oldest first", [F("published_at").asc(nulls_last=True), "id"]),
    **BY_CHANGE,
}


class FilmListFilter(BulkMixin, ChangedSinceMixin, django_filters.FilterSet):
    film = django_filters.CharFilter(
        field_name="entries__film__slug", label="Lists with this film (its slug)"
    )
    critic = django_filters.CharFilter(field_name="critic__slug", label="Critic's slug")
    sort = sort_filter(FILM_LIST_SORTS)
    ordering = sort_filter(FILM_LIST_SORTS, alias=True)

    class Meta:
        model = FilmList
        fields = []


class CreditFilter(django_filters.FilterSet):
    film = django_filters.CharFilter(field_name="film__slug", label="Film slug")
    person = django_filters.CharFilter(field_name="person__slug", label="Person slug")
    role = django_filters.ChoiceFilter(choices=CreditRole.choices)

    class Meta:
        model = Credit
        fields = []
