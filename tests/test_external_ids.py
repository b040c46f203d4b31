"""External ids (IMDb, TMDB, Wikidata) on films and people: links on the pages, sameAs in
JSON-LD, lookups in the API and the admin, and /imdb/<id>/ on the site."""

import json
import re

import pytest
from django.urls import reverse

from films.models import Film
from search.service import search
from tests.factories import FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_the_film_page_links_to_the_film_elsewhere(client, matrix):
    html = client.get(matrix.get_absolute_url()).content.decode()
    assert '<a href="https://www.imdb.com/title/tt0133093/" rel="external">IMDb</a>' in html
    assert '<a href="https://www.themoviedb.org/movie/603" rel="external">TMDB</a>' in html
    assert '<a href="https://www.wikidata.org/wiki/Q83495" rel="external">Wikidata</a>' in html
    assert json_ld(html)["sameAs"] == [
        "https://www.imdb.com/title/tt0133093/",
        "https://www.themoviedb.org/movie/603",
        "https://www.wikidata.org/wiki/Q83495",
    ]


def test_a_film_with_no_ids_has_no_links(client):
    html = client.get(FilmFactory().get_absolute_url()).content.decode()
    assert "Elsewhere" not in html
    assert "sameAs" not in json_ld(html)


def test_the_person_page_shows_places_other_names_and_links(client, keanu):
    html = client.get(keanu.get_absolute_url()).content.decode()
    assert "Beirut, Lebanon" in html
    assert "Also known as Keanu Charles Reeves" in html
    assert '<a href="https://www.themoviedb.org/person/6384" rel="external">TMDB</a>' in html
    data = json_ld(html)
    assert data["sameAs"] == [
        "https://www.imdb.com/name/nm0000206/",
        "https://www.themoviedb.org/person/6384",
        "https://www.wikidata.org/wiki/Q43416",
    ]
    assert data["birthPlace"] == {"@type": "Place", "name": "Beirut, Lebanon"}
    assert data["alternateName"] == ["Keanu Charles Reeves"]


def test_a_biography_is_markdown_and_sanitised(client):
    person = PersonFactory(biography="Began on *stage*.\n\n<script>alert(1)</script>")
    html = client.get(person.get_absolute_url()).content.decode()
    assert "<p>Began on <em>stage</em>.</p>" in html
    assert "<script>alert(1)" not in html


def test_search_finds_a_person_by_another_name(keanu):
    assert [person.name for person in search("keanu charles").people] == ["Keanu Reeves"]


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/imdb/tt0133093/", "/films/the-matrix-1999/"),
        ("/imdb/nm0000206/", "/people/keanu-reeves/"),
    ],
)
def test_imdb_ids_on_the_site_redirect_to_the_page(client, matrix, keanu, path, target):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize("path", ["/imdb/tt9999999/", "/imdb/nm9999999/", "/imdb/xx0133093/"])
def test_unknown_or_malformed_imdb_ids_are_404(client, matrix, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("term", ["603", "Q83495", "tt0133093", "not-an-id"])
def test_the_admin_finds_a_film_by_any_external_id(superuser_client, matrix, term):
    FilmFactory(title="Speed", year=1994)
    response = superuser_client.get(reverse("admin:films_film_changelist"), {"q": term})
    assert response.status_code == 200
    found = list(response.context["cl"].result_list)
    assert found == ([] if term == "not-an-id" else [matrix])


def test_the_admin_finds_a_person_by_tmdb_id(superuser_client, keanu):
    response = superuser_client.get(reverse("admin:people_person_changelist"), {"q": "6384"})
    assert list(response.context["cl"].result_list) == [keanu]
    assert Film.objects.count() == 0
