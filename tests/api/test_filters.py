"""Every filter keeps what matches and drops what does not; nonsense is a 400 naming the
filter. Films share the site's FilmFilter, so its filters are covered here too.

One catalogue serves a whole table of cases, each case a subtest.
"""

from datetime import UTC, datetime

import pytest

from tests.factories import (
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    people = {
        slug: PersonFactory(name=name, birth_date=born)
        for slug, name, born in [
            ("len-wiseman", "Len Wiseman", "1973-03-04"),
            ("kate-beckinsale", "Kate Beckinsale", "1973-07-26"),
            ("edgar-wright", "Edgar Wright", "1974-04-18"),
            ("simon-pegg", "Simon Pegg", "1970-02-14"),
            ("jean-pierre-jeunet", "Jean-Pierre Jeunet", "1953-09-03"),
            ("michael-mann", "Michael Mann", None),
            ("al-pacino", "Al Pacino", "1940-04-25"),
        ]
    }
    action, comedy, crime = (GenreFactory(name=name) for name in ("Action", "Comedy", "Crime"))
    underworld = FilmFactory(
        title="Underworld",
        year=2003,
        countries=["GB", "US"],
        collection=CollectionFactory(slug="underworld"),
    )
    hot_fuzz = FilmFactory(title="Hot Fuzz", year=2007, countries=["GB"])
    amelie = FilmFactory(title="Amélie", year=2001, countries=["FR"], languages=["fr"])
    heat = FilmFactory(title="Heat", year=1995, languages=["en", "es"])
    underworld.genres.add(action)
    hot_fuzz.genres.add(comedy)
    amelie.genres.add(comedy)
    heat.genres.add(crime)
    for film, director, star in [
        (underworld, "len-wiseman", "kate-beckinsale"),
        (hot_fuzz, "edgar-wright", "simon-pegg"),
        (amelie, "jean-pierre-jeunet", None),
        (heat, "michael-mann", "al-pacino"),
    ]:
        CreditFactory(film=film, person=people[director], role="director", character="")
        if star:
            CreditFactory(film=film, person=people[star], role="cast")
    CreditFactory(film=heat, person=people["michael-mann"], role="writer", character="")
    ReviewFactory(
        film=underworld,
        rating="3.0",
        byline="Nora Castellan",
        headline="Underworld bites",
        published_at=datetime(2024, 1, 10, tzinfo=UTC),
    )
    ReviewFactory(
        film=hot_fuzz,
        rating="4.5",
        byline="Sam Reed",
        headline="Hot Fuzz rules",
        published_at=datetime(2024, 6, 1, tzinfo=UTC),
    )
    ReviewFactory(film=amelie, rating="5.0", byline="Nora Castellan", headline="Draft", draft=True)


def titles(api, params) -> list[str]:
    response = api.get("/api/v1/films/", params)
    assert response.status_code == 200, response.json()
    return [film["title"] for film in response.json()["results"]]


FILM_CASES = [
    ({"year": 2003}, ["Underworld"]),
    ({"year": 1999}, []),
    ({"year_min": 2003}, ["Hot Fuzz", "Underworld"]),
    ({"year_min": 2008}, []),
    ({"year_max": 2001}, ["Amélie", "Heat"]),
    ({"year_max": 1990}, []),
    ({"year_min": 2000, "year_max": 2005}, ["Amélie", "Underworld"]),
    ({"decade": 1990}, ["Heat"]),
    ({"decade": 1980}, []),
    ({"genre": "comedy"}, ["Amélie", "Hot Fuzz"]),
    ({"genre": "crime"}, ["Heat"]),
    ({"country": "GB"}, ["Hot Fuzz", "Underworld"]),
    ({"country": "FR"}, ["Amélie"]),
    ({"language": "es"}, ["Heat"]),
    ({"language": "fr"}, ["Amélie"]),
    ({"person": "michael-mann"}, ["Heat"]),
    ({"person": "kate-beckinsale"}, ["Underworld"]),
    ({"person": "nobody"}, []),
    ({"director": "edgar-wright"}, ["Hot Fuzz"]),
    ({"director": "simon-pegg"}, []),
    ({"cast": "simon-pegg"}, ["Hot Fuzz"]),
    ({"cast": "edgar-wright"}, []),
    ({"has_review": "true"}, ["Hot Fuzz", "Underworld"]),
    ({"has_review": "false"}, ["Amélie", "Heat"]),  # Amélie's only review is a draft
    ({"rating_min": 4}, ["Hot Fuzz"]),
    ({"rating_min": 3}, ["Hot Fuzz", "Underworld"]),
    ({"rating_min": 5}, []),  # the draft's 5 stars count for nothing
    ({"collection": "underworld"}, ["Underworld"]),
    ({"collection": "nope"}, []),
    ({"q": "fuzz"}, ["Hot Fuzz"]),
    ({"q": "zzz"}, []),
    ({"genre": "comedy", "country": "FR"}, ["Amélie"]),
    ({}, ["Amélie", "Heat", "Hot Fuzz", "Underworld"]),
    ({"sort": "title"}, ["Amélie", "Heat", "Hot Fuzz", "Underworld"]),
    ({"sort": "-year"}, ["Hot Fuzz", "Underworld", "Amélie", "Heat"]),
    ({"sort": "year"}, ["Heat", "Amélie", "Underworld", "Hot Fuzz"]),
    ({"sort": "-rating"}, ["Hot Fuzz", "Underworld", "Amélie", "Heat"]),
]


def test_film_filters(anon_api, catalogue, subtests):
    for params, expected in FILM_CASES:
        with subtests.test(**params):
            assert titles(anon_api, params) == expected


NONSENSE = [
    ("films", {"year": "abc"}),
    ("films", {"year_min": 1800}),
    ("films", {"year_max": 99999999999999999999}),
    ("films", {"rating_min": 7}),
    ("films", {"rating_min": "NaN"}),
    ("films", {"genre": "nope"}),
    ("films", {"country": "ZZ"}),
    ("films", {"language": "xx"}),
    ("films", {"decade": 1234}),
    ("films", {"sort": "budget"}),
    ("people", {"role": "caterer"}),
    ("people", {"sort": "age"}),
    ("reviews", {"rating_min": 7}),
    ("reviews", {"published_after": "soon"}),
    ("reviews", {"published_before": "0001-01-01T00:00:00+23:59"}),
    ("reviews", {"sort": "length"}),
    ("credits", {"role": "caterer"}),
]


def test_nonsense_filters_are_a_400_naming_the_filter(anon_api, catalogue, subtests):
    for url, params in NONSENSE:
        with subtests.test(url=url, **params):
            response = anon_api.get(f"/api/v1/{url}/", params)
            assert response.status_code == 400
            error = response.json()["error"]
            assert error["code"] == "invalid"
            assert list(error["fields"]) == list(params)


def names(api, params) -> list[str]:
    response = api.get("/api/v1/people/", params)
    assert response.status_code == 200, response.json()
    return [person["name"] for person in response.json()["results"]]


PEOPLE_CASES = [
        (
            {"role": "director"},
            ["Edgar Wright", "Jean-Pierre Jeunet", "Len Wiseman", "Michael Mann"],
        ),
        ({"role": "producer"}, []),
        ({"film": "heat-1995"}, ["Al Pacino", "Michael Mann"]),
        ({"film": "nope"}, []),
        ({"role": "cast", "film": "heat-1995"}, ["Al Pacino"]),
        ({"role": "writer", "film": "heat-1995"}, ["Michael Mann"]),
        ({"role": "writer", "film": "hot-fuzz-2007"}, []),
        ({"q": "mann"}, ["Michael Mann"]),
        ({"q": "zzz"}, []),
        ({"sort": "-name", "role": "director"}, [
            "Michael Mann", "Len Wiseman", "Jean-Pierre Jeunet", "Edgar Wright",
        ]),
        ({"sort": "born", "film": "heat-1995"}, ["Al Pacino", "Michael Mann"]),
        ({"sort": "-born", "role": "cast"}, ["Kate Beckinsale", "Simon Pegg", "Al Pacino"]),
]  # fmt: skip


def test_people_filters(anon_api, catalogue, subtests):
    for params, expected in PEOPLE_CASES:
        with subtests.test(**params):
            assert names(anon_api, params) == expected


def headlines(api, params) -> list[str]:
    response = api.get("/api/v1/reviews/", params)
    assert response.status_code == 200, response.json()
    return [review["headline"] for review in response.json()["results"]]


REVIEW_CASES = [
    ({}, ["Hot Fuzz rules", "Underworld bites"]),
    ({"film": "hot-fuzz-2007"}, ["Hot Fuzz rules"]),
    ({"film": "amelie-2001"}, []),  # a draft
    ({"rating_min": 4}, ["Hot Fuzz rules"]),
    ({"rating_min": 3}, ["Hot Fuzz rules", "Underworld bites"]),
    ({"published_after": "2024-03-01"}, ["Hot Fuzz rules"]),
    ({"published_after": "2025-01-01T00:00:00Z"}, []),
    ({"published_before": "2024-03-01T12:00:00+02:00"}, ["Underworld bites"]),
    ({"published_before": "2024-01-01"}, []),
    ({"author": "nora castellan"}, ["Underworld bites"]),
    ({"author": "nobody"}, []),
    ({"sort": "-rating"}, ["Hot Fuzz rules", "Underworld bites"]),
    ({"sort": "rating"}, ["Underworld bites", "Hot Fuzz rules"]),
    ({"sort": "published_at"}, ["Underworld bites", "Hot Fuzz rules"]),
    ({"sort": "-published_at"}, ["Hot Fuzz rules", "Underworld bites"]),
]


def test_review_filters(anon_api, catalogue, subtests):
    for params, expected in REVIEW_CASES:
        with subtests.test(**params):
            assert headlines(anon_api, params) == expected


CREDIT_CASES = [
        ({"film": "heat-1995"}, {("michael-mann", "director"), ("al-pacino", "cast"),
                                 ("michael-mann", "writer")}),
        ({"film": "nope"}, set()),
        ({"person": "michael-mann"}, {("michael-mann", "director"), ("michael-mann", "writer")}),
        ({"person": "michael-mann", "role": "writer"}, {("michael-mann", "writer")}),
        ({"role": "writer"}, {("michael-mann", "writer")}),
        ({"role": "composer"}, set()),
]  # fmt: skip


def test_credit_filters(anon_api, catalogue, subtests):
    for params, expected in CREDIT_CASES:
        with subtests.test(**params):
            response = anon_api.get("/api/v1/credits/", params)
            assert {(c["person"], c["role"]) for c in response.json()["results"]} == expected


def test_a_range_filters_suffixed_parameters_count_as_naming_it():
    import django_filters
    from django.http import QueryDict

    from api.filters import names_a_filter
    from films.models import Film

    class ByYears(django_filters.FilterSet):
        year = django_filters.RangeFilter()

        class Meta:
            model = Film
            fields = []

    assert names_a_filter(QueryDict("year_min=2000"), ByYears)
    assert names_a_filter(QueryDict("page=2&year=2001"), ByYears)
    assert not names_a_filter(QueryDict("page=2&page_size=5&cursor=x"), ByYears)
