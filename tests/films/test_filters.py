"""The site's list filters that read credits: the film list's director by name and the people
list's role."""

import pytest

from films.filters import FilmListFilter, PeopleFilter
from films.models import Credit, Film
from people.models import Person
from tests.factories import CreditFactory, FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directed():
    """Three films, each by its director; a namesake who only acts."""
    films = {}
    for title, name in [
        ("Arrival", "Denis Villeneuve"),
        ("Cléo from 5 to 7", "Agnès Varda"),
        ("Beau Travail", "Claire Denis"),
    ]:
        films[title] = FilmFactory(title=title)
        CreditFactory(
            film=films[title], person=PersonFactory(name=name), role="director", character=""
        )
    CreditFactory(film=films["Arrival"], person=PersonFactory(name="Agnès Varda"), role="cast")
    return films


def titles(filterset_class, **params) -> list[str]:
    filterset = filterset_class(params, queryset=Film.objects.all())
    return sorted(film.title for film in filterset.qs)


@pytest.mark.parametrize(
    ("director", "expected"),
    [
        ("Denis Villeneuve", ["Arrival"]),
        ("denis villeneuve", ["Arrival"]),
        ("villeneuve", ["Arrival"]),
        ("VILLENEUVE", ["Arrival"]),
        ("Villenêuve", ["Arrival"]),  # accents either way
        ("agnes varda", ["Cléo from 5 to 7"]),  # not Arrival, where a namesake acts
        ("Agnès", ["Cléo from 5 to 7"]),
        ("denis", ["Arrival", "Beau Travail"]),  # a given name and a surname
        ("denis-villeneuve", ["Arrival"]),  # an old link's slug
        ("agnes-varda-2", []),  # the namesake's slug: she directed nothing
        ("villen", []),  # whole words only
        ("eneuve", []),
        ("  ", ["Arrival", "Beau Travail", "Cléo from 5 to 7"]),  # blank: no filter
    ],
)
def test_the_director_is_found_by_name_or_slug(directed, director, expected):
    assert titles(FilmListFilter, director=director) == expected


def test_a_name_no_slug_can_spell_is_matched_as_written():
    film = FilmFactory(title="Tokyo Story")
    CreditFactory(film=film, person=PersonFactory(name="小津安二郎"), role="director", character="")
    assert titles(FilmListFilter, director="小津安二郎") == ["Tokyo Story"]


def test_the_director_field_asks_for_people_suggestions():
    attrs = FilmListFilter().form.fields["director"].widget.attrs
    assert attrs["data-suggest-url"] == "/search/suggest/"
    assert (attrs["data-suggest-type"], attrs["data-suggest-choose"]) == ("people", "fill")


def test_the_api_filter_keeps_the_director_by_slug(directed):
    from api.filters import FilmFilter as ApiFilmFilter

    assert titles(ApiFilmFilter, director="denis-villeneuve") == ["Arrival"]
    assert titles(ApiFilmFilter, director="villeneuve") == []


def test_people_are_filtered_by_a_role_they_hold_once_each():
    director = PersonFactory(name="Greta Gerwig")
    actor = PersonFactory(name="Saoirse Ronan")
    PersonFactory(name="Nobody Credited")
    for film in FilmFactory.create_batch(2):
        CreditFactory(film=film, person=director, role="director", character="")
        CreditFactory(film=film, person=director, role="writer", character="")
        CreditFactory(film=film, person=actor, role=Credit.Role.CAST)

    def names(**params):
        filterset = PeopleFilter(params, queryset=Person.objects.all())
        return sorted(person.name for person in filterset.qs)

    assert names(role="director") == ["Greta Gerwig"]  # once, though two films
    assert names(role="cast") == ["Saoirse Ronan"]
    assert names(role="composer") == []
    assert len(names()) == 3
    filterset = PeopleFilter({"role": "auteur"}, queryset=Person.objects.all())
    assert not filterset.is_valid() and "role" in filterset.errors
