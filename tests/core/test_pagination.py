"""Site list pages (core/pagination.py): past the first page, a page's ids are read first, and
it shows what reading the whole rows at that offset did."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from films.models import Film
from tests.factories import FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def captions(response) -> list[str]:
    return re.findall(r'class="poster-caption">([^<]*)<', response.content.decode())


@pytest.mark.parametrize("sort", ["title", "-year", "-rating"])
def test_a_later_page_reads_its_ids_first_and_shows_the_films_of_that_page(
    client, django_assert_max_num_queries, sort
):
    films = FilmFactory.create_batch(30)  # 24 a page
    for film, rating in zip(films[::3], ["2.0", "4.5", "3.0", "5.0"], strict=False):
        ReviewFactory(film=film, rating=rating)
    sort_by = {"title": ["title", "year", "id"], "-year": ["-year", "title", "id"]}
    if sort == "-rating":
        expected = sorted(
            Film.objects.all(),
            key=lambda f: (f.average_rating is None, -(f.average_rating or 0), f.title, f.pk),
        )
    else:
        expected = list(Film.objects.order_by(*sort_by[sort]))
    # the filters' countries and languages, the count, the genre, country and language
    # menus; the page's ids, its films, their directors
    with django_assert_max_num_queries(9) as captured:
        response = client.get("/films/", {"sort": sort, "page": 2})
    assert captions(response) == [film.title for film in expected[24:]]
    (ids_query,) = [q["sql"] for q in captured.captured_queries if "OFFSET 24" in q["sql"]]
    assert ids_query.startswith('SELECT "films_film"."id" AS "pk" FROM "films_film" ORDER')


def test_a_page_past_the_end_is_still_the_last_page(client):
    FilmFactory.create_batch(30)
    last = client.get("/films/", {"page": 2})
    assert client.get("/films/", {"page": 99}).content == last.content
    assert "Page 2 of 2" in last.content.decode()


def counts(captured) -> int:
    return sum('SELECT COUNT(*) AS "__count" FROM "films_film"' in q["sql"] for q in captured)


def test_paging_through_the_film_list_counts_it_once_a_catalogue_version(client, editor):
    films = FilmFactory.create_batch(30)
    client.force_login(editor)  # no whole-page copies: every page is built
    with CaptureQueriesContext(connection) as first:
        client.get("/films/", {"page": 1})
    with CaptureQueriesContext(connection) as second:
        response = client.get("/films/", {"page": 2})
    assert (counts(first), counts(second)) == (1, 0)
    assert "Page 2 of 2" in response.content.decode()
    films[0].delete()  # a save starts a new version, and so a new count
    with CaptureQueriesContext(connection) as after_a_save:
        response = client.get("/films/", {"page": 2})
    assert counts(after_a_save) == 1
    assert "29 films" in response.content.decode()


def test_with_count_caching_off_the_film_list_counts_every_page(client, editor, settings):
    settings.LIST_COUNT_SECONDS = 0
    FilmFactory.create_batch(30)
    client.force_login(editor)
    for page in (1, 2):
        with CaptureQueriesContext(connection) as captured:
            client.get("/films/", {"page": page})
        assert counts(captured) == 1


def test_with_page_and_fragment_caching_off_a_list_still_counts_once(client, settings):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    FilmFactory.create_batch(30)
    with CaptureQueriesContext(connection) as first:
        client.get("/films/", {"page": 1})
    with CaptureQueriesContext(connection) as second:
        client.get("/films/", {"page": 2})
    assert (counts(first), counts(second)) == (1, 0)


@pytest.mark.parametrize("path", ["/api/v1/films/", "/api/v1/people/"])
def test_the_api_counts_films_and_people_once_a_catalogue_version(client, settings, path):
    settings.PAGE_CACHE_SECONDS = 0  # every answer built
    films = FilmFactory.create_batch(3)
    PersonFactory.create_batch(3)
    table = "films_film" if "films" in path else "people_person"

    def counted(params) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, params)
        return sum(f'COUNT(*) AS "__count" FROM "{table}"' in q["sql"] for q in captured), (
            response.json()["count"]
        )

    first, total = counted({"page_size": 1})
    assert first == 1
    assert counted({"page_size": 1, "page": 2}) == (0, total)
    films[0].delete()  # a save: a new version, so a new count
    assert counted({"page_size": 1})[0] == 1


def test_a_cached_api_list_reads_the_catalogue_version_once(client, monkeypatch):
    from core import pagecache

    FilmFactory.create_batch(3)
    pagecache.catalogue_version()  # there is one, so reading it again would be a second read

    def read_again():
        raise AssertionError("the list read the catalogue version a second time")

    monkeypatch.setattr(pagecache, "catalogue_version", read_again)
    assert client.get("/api/v1/films/", {"page_size": 1}).json()["count"] == 3
