"""One definition of each film filter, for the /films/ page and the API."""

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse_lazy
from django.utils.text import slugify

from core.widgets import QuickSelect
from films.models import (
    FIRST_FILM_YEAR,
    LAST_FILM_YEAR,
    Country,
    Credit,
    CreditRole,
    Film,
    FilmCountry,
    FilmLanguage,
    Genre,
    Language,
)
from people.models import Person


def codes_in_use(through) -> list[str]:
    """Country or language codes some film has, for the filter's choices. Finding them scans
    every film's rows (~70 ms at 100,000 films), so the answer is cached for ten minutes."""
    field = "country_id" if through is FilmCountry else "language_id"
    return cache.get_or_set(
        f"film-filter-{field}",
        lambda: sorted(set(through.objects.values_list(field, flat=True).distinct())),
        600,
    )


class ChoicesInOneQuery(django_filters.fields.ModelChoiceIterator):
    """A choice filter's options read by one ordinary query. Django reads them with
    ``iterator()``, which on PostgreSQL opens a server-side cursor: three round trips
    (DECLARE, FETCH, CLOSE) for a few dozen rows, for each select on the film list."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for choice in self.queryset:
            yield self.choice(choice)


class ModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ChoicesInOneQuery


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


def genre_filter(field_name: str) -> ModelChoiceFilter:
    """A genre, by slug, from a menu: films' own (``genres``) or a review's film's."""
    return ModelChoiceFilter(
        field_name=field_name,
        to_field_name="slug",
        queryset=Genre.objects.all(),
        empty_label="Any genre",
        label="Genre",
        widget=QuickSelect,
    )


def decade_choices():
    return [(decade, f"{decade}s") for decade in range(2020, FIRST_FILM_YEAR - 1, -10)]


class FilmFilter(django_filters.FilterSet):
    # Each sort ends on the primary key so pages never repeat or skip a film.
    SORTS = {
        "title": ("Title", ["title", "year", "id"]),
        "-year": ("Newest first", ["-year", "title", "id"]),
        "year": ("Oldest first", ["year", "title", "id"]),
        "-rating": (
            "Highest rated",
            [F("average_rating").desc(nulls_last=True), "title", "id"],
        ),
    }

    q = django_filters.CharFilter(method="filter_title", label="Title contains")
    year = django_filters.NumberFilter(
        field_name="year",
        min_value=FIRST_FILM_YEAR,
        max_value=LAST_FILM_YEAR,
        widget=forms.NumberInput(attrs={"placeholder": "e.g. 2025"}),
    )
    decade = django_filters.ChoiceFilter(
        choices=decade_choices,
        method="filter_decade",
        empty_label="Any decade",
        label="Decade",
        widget=QuickSelect,
    )
    genre = genre_filter("genres")
    country = ModelChoiceFilter(
        field_name="countries",
        to_field_name="code",
        queryset=lambda request: Country.objects.filter(code__in=codes_in_use(FilmCountry)),
        empty_label="Any country",
        label="Country",
        widget=QuickSelect,
    )
    language = ModelChoiceFilter(
        field_name="languages",
        to_field_name="code",
        queryset=lambda request: Language.objects.filter(code__in=codes_in_use(FilmLanguage)),
        empty_label="Any language",
        label="Language",
        widget=QuickSelect,
    )
    director = django_filters.CharFilter(
        method="filter_director",
        label="Director",
        widget=forms.TextInput(attrs={"placeholder": "e.g. len-wiseman"}),
    )
    has_review = django_filters.BooleanFilter(
        method="filter_has_review",
        label="Reviewed",
        widget=QuickSelect(
            choices=[("", "All films"), ("true", "Reviewed"), ("false", "Not reviewed")]
        ),
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_sort",
        empty_label=None,
        label="Sort by",
        widget=QuickSelect,
    )

    class Meta:
        model = Film
        fields = []

    # A sort the page does not offer (an old link, a typo) means the default order, not an
    # invalid form and so an empty list. The API's subclass answers 400 instead.
    lenient_sort = True

    def __init__(self, data=None, *args, **kwargs):
        if self.lenient_sort and data is not None and data.get("sort", "") not in ("", *self.SORTS):
            data = data.copy()
            del data["sort"]
        super().__init__(data, *args, **kwargs)

    def filter_title(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(original_title__icontains=value))

    def filter_decade(self, queryset, name, value):
        decade = int(value)  # one of decade_choices: the form has validated it
        return queryset.filter(year__gte=decade, year__lte=decade + 9)

    def filter_director(self, queryset, name, value):
        directed = Credit.objects.filter(
            film=OuterRef("pk"), role=Credit.Role.DIRECTOR, person__slug=value
        )
        return queryset.filter(Exists(directed))

    def filter_has_review(self, queryset, name, value):
        return queryset.filter(review_count__gt=0) if value else queryset.filter(review_count=0)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*self.SORTS[value][1])


def named(name: str) -> Q:
    """People called ``name``, or with it as whole words of their name ("villeneuve"), in any
    case and with or without accents: slugs spell names that way ("Agnès Varda" is
    agnes-varda). A slug itself (an old link) matches too, and so does a name no slug can
    spell."""
    words = slugify(name)
    exactly = Q(name__iexact=name.strip())
    if not words:
        return exactly
    return (
        exactly
        | Q(slug=words)
        | Q(slug__startswith=f"{words}-")
        | Q(slug__endswith=f"-{words}")
        | Q(slug__contains=f"-{words}-")
    )


class FilmListFilter(FilmFilter):
    """The /films/ page's filters: the director by name, with suggestions from the search
    box's endpoint (static/js/autocomplete.js). The API keeps FilmFilter's, by slug."""

    director = django_filters.CharFilter(
        method="filter_director_named",
        label="Director",
        widget=forms.TextInput(
            attrs={
                "placeholder": "e.g. Agnès Varda",
                "autocomplete": "off",
                "data-suggest-url": reverse_lazy("search:suggest"),
                "data-suggest-type": "people",
                "data-suggest-choose": "fill",
            }
        ),
    )

    def filter_director_named(self, queryset, name, value):
        directed = Credit.objects.filter(
            film=OuterRef("pk"),
            role=Credit.Role.DIRECTOR,
            person__in=Person.objects.filter(named(value)).values("pk"),
        )
        return queryset.filter(Exists(directed))


# The people list's role choices, as the list names them.
ROLE_GROUPS = [
    (CreditRole.DIRECTOR, "Directors"),
    (CreditRole.WRITER, "Writers"),
    (CreditRole.CAST, "Actors"),
    (CreditRole.PRODUCER, "Producers"),
    (CreditRole.CINEMATOGRAPHER, "Cinematographers"),
    (CreditRole.EDITOR, "Editors"),
    (CreditRole.COMPOSER, "Composers"),
    (CreditRole.SOURCE_MATERIAL, "Authors of source material"),
]


class PeopleFilter(django_filters.FilterSet):
    """The /people/ page's filter (here, not in people: it reads credits)."""

    role = django_filters.ChoiceFilter(
        choices=ROLE_GROUPS,
        method="filter_role",
        empty_label="Everyone",
        label="Show",
        widget=QuickSelect,
    )

    class Meta:
        model = Person
        fields = []

    def filter_role(self, queryset, name, value):
        # A semi-join on credit_person_role_idx: each person once, however many credits.
        credited = Credit.objects.filter(person=OuterRef("pk"), role=value)
        return queryset.filter(Exists(credited))
