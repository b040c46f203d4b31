"""The page cache (core/pagecache.py): pages, lists, search, suggestions and API reads are
served from the cache to anonymous readers, and any committed save retires them at once."""

import json
from functools import partial

import pytest
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from core import pagecache
from films.models import Film
from tests.api.conftest import token_client
from tests.factories import FilmFactory, GenreFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

FILTERED_LIST = "/films/?decade=2010&sort=-year"


def test_a_filtered_film_list_is_served_from_the_cache(client, django_assert_num_queries):
    FilmFactory(title="Parabellum", year=2019)
    first = client.get(FILTERED_LIST)
    assert "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(FILTERED_LIST)
    assert second["X-Page-Cache"] == "hit"
    assert "Parabellum" in second.content.decode()
    # The same filters in another order are the same listing.
    assert client.get("/films/?sort=-year&decade=2010")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/films/?decade=2000&sort=-year")


def test_a_cached_copy_costs_one_read_of_the_cache(client, monkeypatch):
    """A copy and the catalogue version come in one round trip: with Redis, that is the whole
    cost of a hit."""
    film = FilmFactory(title="Parabellum", year=2019)
    page, api = film.get_absolute_url(), f"/api/v1/films/{film.slug}/"
    version = pagecache.VERSION_KEY
    expected = {
        FILTERED_LIST: [[version, pagecache.url_key(_request(FILTERED_LIST), "html")]],
        page: [[version, pagecache.url_key(_request(page), "html")]],
        # The API also reads the anonymous client's throttle history (and only that one).
        api: ["throttle_anon_127.0.0.1", [version, pagecache.url_key(_request(api), "api")]],
    }
    for url, reads in expected.items():
        client.get(url)
        assert _cache_reads(monkeypatch, lambda url=url: client.get(url)) == reads


def _cache_reads(monkeypatch, fetch) -> list:
    """What the cache's get and get_many were asked for while ``fetch()`` ran, a key or a list
    of keys a call (not counting the local-memory cache's get_many calling its own get)."""
    from django.core.cache import cache

    reads, depth = [], [0]

    def counted(*args, _original, **kwargs):
        if not depth[0]:
            reads.append(args[0])
        depth[0] += 1
        try:
            return _original(*args, **kwargs)
        finally:
            depth[0] -= 1

    with monkeypatch.context() as patched:
        for method in ("get", "get_many"):
            patched.setattr(cache, method, partial(counted, _original=getattr(cache, method)))
        assert fetch().status_code == 200
    return reads


def test_a_save_retires_every_cached_listing(client):
    film = FilmFactory(title="Parabellum", year=2019)
    ReviewFactory(film=film, headline="Fourth time lucky")
    listings = [FILTERED_LIST, "/reviews/", "/search/?q=chapter", "/api/v1/films/"]
    for url in listings:
        client.get(url)
    assert client.get(FILTERED_LIST)["X-Page-Cache"] == "hit"
    film.title = "Chapter Three"
    film.save()
    for url in listings:
        content = client.get(url).content.decode()
        assert "Chapter Three" in content, url
        assert "Parabellum" not in content, url


def test_a_new_film_shows_in_a_cached_list_and_the_api_at_once(client):
    assert "Hundred Days" not in client.get(FILTERED_LIST).content.decode()
    assert client.get("/api/v1/films/").json()["count"] == 0
    FilmFactory(title="Hundred Days", year=2015)
    assert "Hundred Days" in client.get(FILTERED_LIST).content.decode()
    assert client.get("/api/v1/films/").json()["count"] == 1


def test_a_renamed_genre_shows_in_the_film_page_and_the_filter(client):
    genre = GenreFactory(name="Action", slug="action")
    film = FilmFactory()
    film.genres.add(genre)
    assert "Action" in client.get(film.get_absolute_url()).content.decode()
    assert "Action" in client.get("/films/?genre=action").content.decode()
    genre.name = "Gun fu"
    genre.save()
    assert "Gun fu" in client.get(film.get_absolute_url()).content.decode()
    assert "Gun fu" in client.get("/films/?genre=action").content.decode()


def test_editors_are_never_served_a_cached_listing(client, editor):
    film = FilmFactory(title="Parabellum")
    ReviewFactory(film=film, draft=True, headline="Not yet")
    client.get("/reviews/")
    editor_client = Client()
    editor_client.force_login(editor)
    assert "X-Page-Cache" not in editor_client.get("/reviews/")


def test_suggestions_are_cached_with_their_headers(client, django_assert_num_queries):
    FilmFactory(title="Ballerina", year=2025)
    first = client.get("/search/suggest/?q=balle")
    with django_assert_num_queries(0):
        second = client.get("/search/suggest/?q=balle")
    assert second["X-Page-Cache"] == "hit"
    assert second.json() == first.json()
    assert second.json()["suggestions"]
    assert second["Content-Type"] == "application/json"
    assert second["Cache-Control"] == first["Cache-Control"] == "max-age=60"


def test_anonymous_api_reads_come_from_the_cache(django_assert_num_queries):
    film = FilmFactory(title="Ballerina", year=2025)
    api = APIClient()
    detail = f"/api/v1/films/{film.slug}/"
    first_list, first_detail = api.get("/api/v1/films/"), api.get(detail)
    with django_assert_num_queries(0):
        second_list, second_detail = api.get("/api/v1/films/"), api.get(detail)
    assert second_list.json() == first_list.json()
    assert second_detail.json() == first_detail.json()
    assert second_detail["ETag"] == first_detail["ETag"]
    assert api.get(detail, HTTP_IF_NONE_MATCH=first_detail["ETag"]).status_code == 304


def test_api_links_in_a_cached_copy_name_the_host_asked(settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    film = FilmFactory()
    api = APIClient()
    url = f"/api/v1/films/{film.slug}/"
    assert api.get(url, HTTP_HOST="a.example").json()["url"].startswith("http://a.example/")
    assert api.get(url, HTTP_HOST="b.example").json()["url"].startswith("http://b.example/")


def test_signed_in_api_users_bypass_the_cache(editor):
    film = FilmFactory()
    ReviewFactory(film=film, draft=True, headline="Still a draft")
    assert APIClient().get("/api/v1/reviews/").json()["count"] == 0
    assert token_client(editor).get("/api/v1/reviews/").json()["count"] == 1


def test_a_save_retires_its_page_so_no_stale_copy_is_served(client):
    film = FilmFactory(logline="Before.")
    client.get(film.get_absolute_url())
    film.logline = "After."
    film.save()
    response = client.get(film.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "After." in response.content.decode()


def test_a_save_retires_copies_when_it_commits_not_before(client):
    film = FilmFactory(logline="Before.")
    client.get(film.get_absolute_url())
    with transaction.atomic():
        film.logline = "After."
        film.save()
        # Until the commit, other readers still see the old row: the old copy is right.
        assert pagecache.lookup(pagecache.url_key(_request(film.get_absolute_url()), "html"))[0]
    assert "After." in client.get(film.get_absolute_url()).content.decode()


def test_a_transaction_that_rolls_back_changes_nothing_cached(client):
    film = FilmFactory(logline="Before.")
    client.get(film.get_absolute_url())
    with pytest.raises(RuntimeError), transaction.atomic():
        film.logline = "After."
        film.save()
        raise RuntimeError
    assert client.get(film.get_absolute_url())["X-Page-Cache"] == "hit"


def test_with_page_caching_off_nothing_is_stored(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    FilmFactory()
    client.get(FILTERED_LIST)
    assert "X-Page-Cache" not in client.get(FILTERED_LIST)


def _request(path: str):
    from django.test import RequestFactory

    return RequestFactory().get(path)


def test_cached_api_reads_hold_the_json_answered():
    """DRF's hyperlinks carry their model instances; a cached copy must not pickle them, nor
    render the same JSON again on every hit."""
    FilmFactory()
    answered = APIClient().get("/api/v1/films/")
    (cached, etag), _ = pagecache.lookup(pagecache.url_key(_request("/api/v1/films/"), "api"))
    assert (cached, etag) == (answered.content, answered["ETag"])
    assert json.loads(cached)["results"][0]["url"].startswith("http://testserver/api/v1/films/")
    hit = APIClient().get("/api/v1/films/")
    assert hit.content == answered.content
    assert hit["Content-Type"] == "application/json"


def test_a_render_that_began_before_a_save_is_not_served_after_it(client):
    """Under load, a render that read the old row can finish after the save committed: its
    copy carries the version it began under, which the save ended."""
    film = FilmFactory(logline="Before.")
    key = pagecache.url_key(_request(film.get_absolute_url()), "html")
    _, version = pagecache.lookup(key)  # a reader misses and starts rendering…
    film.logline = "After."
    film.save()  # …an editor saves…
    pagecache.store(key, (b"Before.", {}), version)  # …and the render finishes
    assert pagecache.lookup(key)[0] is None
    assert "After." in client.get(film.get_absolute_url()).content.decode()


def test_a_fragment_rendered_across_a_save_is_not_served_after_it(client, monkeypatch):
    """The film's fact box is rendered from the row read before an editor's save commits, and
    cached after it: the next reader must still see the save."""
    film = FilmFactory(runtime_minutes=100)
    fact_line = Film.fact_line

    def read_then_save(self):
        line = fact_line(self)  # the old runtime, read before the save…
        monkeypatch.setattr(Film, "fact_line", fact_line)
        with transaction.atomic():
            edited = Film.objects.get(pk=film.pk)
            edited.runtime_minutes = 125
            edited.save()
        return line  # …and cached once the save has committed

    monkeypatch.setattr(Film, "fact_line", read_then_save)
    assert "100 MINUTES" in client.get(film.get_absolute_url()).content.decode()
    assert "125 MINUTES" in client.get(film.get_absolute_url()).content.decode()
    staff_view = Client()
    staff_view.force_login(UserFactory(is_staff=True))
    assert "125 MINUTES" in staff_view.get(film.get_absolute_url()).content.decode()
