"""The API's share of the world's film data: release dates and alternative titles nested and
filtered, lookups by external id, other names and "credited as"."""

import pytest

from people.models import Person
from tests.factories import CreditFactory, FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_api_nests_releases_and_titles(anon_api, la_haine):
    film = anon_api.get(f"/api/v1/films/{la_haine.slug}/").json()
    assert film["release_dates"][0] == {
        "date": "1995-05-27", "country": "FR", "type": "premiere", "note": "Cannes Film Festival"
    }  # fmt: skip
    assert [t["title"] for t in film["alternative_titles"]] == ["Der Hass", "Hate"]
    assert film["alternative_titles"][1] == {
        "title": "Hate", "country": "US", "language": "en", "kind": "release"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"released_in": "US"}, True),
        ({"released_in": "US", "released_before": "1995-12-31"}, False),  # same release
        ({"released_after": "1996-01-01", "released_in": "US"}, True),
        ({"released_after": "1995-05-01", "released_before": "1995-05-30"}, True),
        ({"released_in": "JP"}, False),
        ({"released_in": "SUHH"}, False),
    ],
)
def test_the_api_filters_films_by_a_release(anon_api, la_haine, query, found):
    FilmFactory(title="Unreleased")
    slugs = [film["slug"] for film in anon_api.get("/api/v1/films/", query).json()["results"]]
    assert slugs == ([la_haine.slug] if found else [])


@pytest.mark.parametrize(
    "query", [{"released_after": "1995-13-01"}, {"released_in": "XX9"}, {"released_in": "ZZ"}]
)
def test_a_bad_release_filter_is_a_400(anon_api, query):
    response = anon_api.get("/api/v1/films/", query)
    assert response.status_code == 400
    assert next(iter(query)) in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ({"imdb_id": "tt0133093"}, ["the-matrix-1999"]),
        ({"tmdb_id": "603"}, ["the-matrix-1999"]),
        ({"wikidata_id": "Q83495"}, ["the-matrix-1999"]),
        ({"imdb_id": "tt0000001"}, []),
    ],
)
def test_the_api_looks_films_up_by_external_id(anon_api, matrix, query, slugs):
    FilmFactory(title="Speed", year=1994, imdb_id="tt0111257", tmdb_id=1637)
    response = anon_api.get("/api/v1/films/", query)
    assert response.status_code == 200
    assert [film["slug"] for film in response.json()["results"]] == slugs


def test_the_api_looks_people_up_by_external_id(anon_api, keanu):
    PersonFactory(name="Carrie-Anne Moss", imdb_id="nm0005251")
    for query in ({"imdb_id": "nm0000206"}, {"tmdb_id": 6384}, {"wikidata_id": "Q43416"}):
        response = anon_api.get("/api/v1/people/", query)
        assert [person["slug"] for person in response.json()["results"]] == ["keanu-reeves"]
    detail = anon_api.get("/api/v1/people/keanu-reeves/").json()
    assert (detail["tmdb_id"], detail["also_known_as"]) == (6384, ["Keanu Charles Reeves"])


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/api/v1/films/", {"imdb_id": "nm0000206"}, "imdb_id"),
        ("/api/v1/films/", {"tmdb_id": "abc"}, "tmdb_id"),
        ("/api/v1/films/", {"wikidata_id": "83495"}, "wikidata_id"),
        ("/api/v1/people/", {"imdb_id": "tt0133093"}, "imdb_id"),
    ],
)
def test_a_malformed_id_is_a_400_naming_the_parameter(anon_api, path, query, field):
    response = anon_api.get(path, query)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_editors_write_other_names_and_a_taken_tmdb_id_is_refused(editor_api, keanu):
    other = PersonFactory(name="Keanu Reeves", tmdb_id=1)
    url = f"/api/v1/people/{other.slug}/"
    response = editor_api.patch(url, {"also_known_as": ["K. Reeves", " "]}, format="json")
    assert response.status_code == 200
    assert Person.objects.get(pk=other.pk).other_names == "K. Reeves"
    response = editor_api.patch(url, {"tmdb_id": 6384}, format="json")
    assert response.status_code == 400
    assert "tmdb_id" in response.json()["error"]["fields"]


def test_a_credit_shows_the_name_on_screen_when_it_differs(client, anon_api):
    # Parenthood (1989) credits Joaquin Phoenix as Leaf Phoenix.
    parenthood = FilmFactory(title="Parenthood", year=1989)
    CreditFactory(film=parenthood, person=PersonFactory(name="Steve Martin"), role="cast")
    CreditFactory(
        film=parenthood,
        person=PersonFactory(name="Joaquin Phoenix"),
        role="cast",
        credited_as="Leaf Phoenix",
    )
    html = client.get(parenthood.get_absolute_url()).content.decode()
    assert html.count("(as ") == 1
    assert 'Joaquin Phoenix</a> <span class="meta">(as Leaf Phoenix)</span>' in html
    credits = anon_api.get(f"/api/v1/films/{parenthood.slug}/").json()["credits"]
    assert {c["person"]["name"]: c["credited_as"] for c in credits} == {
        "Steve Martin": "",
        "Joaquin Phoenix": "Leaf Phoenix",
    }
