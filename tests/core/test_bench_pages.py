"""The yardstick pages `make bench` serves beside the site's (BENCHMARK_CEILING only)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from sitewide.bench import bench_floor
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


def test_the_floor_is_one_query_in_the_sites_layout(django_assert_num_queries):
    film = FilmFactory(title="Ballerina", year=2025)
    request = RequestFactory().get("/bench/floor/")
    request.user = AnonymousUser()
    with django_assert_num_queries(1):
        html = bench_floor(request).content.decode()
    assert f'<a href="{film.get_absolute_url()}">Ballerina</a>' in html
    assert '<header class="site-header">' in html  # the site's layout around it


def test_a_floor_of_n_queries_makes_n_one_row_queries(django_assert_num_queries):
    films = FilmFactory.create_batch(5)
    request = RequestFactory().get("/bench/floor/", {"queries": 4})
    request.user = AnonymousUser()
    with django_assert_num_queries(4):
        html = bench_floor(request).content.decode()
    assert html.count('<h1 class="page-title">') == 4
    assert films[4].get_absolute_url() not in html


def test_a_replay_sends_the_pages_own_statements_and_bytes(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sitewide.bench import bench_replay

    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    film = FilmFactory(title="Ballerina", year=2025)
    with CaptureQueriesContext(connection) as served:
        page = client.get(film.get_absolute_url())
    statements = len(served.captured_queries)  # read now: the next request clears the log
    replay = RequestFactory().get("/bench/replay/", {"page": film.get_absolute_url()})
    bench_replay(replay)  # serves the page once, then replays it
    sent = []
    if connection.vendor == "sqlite":  # what reaches the database, past Django's cursors
        connection.connection.set_trace_callback(sent.append)
    try:
        response = bench_replay(replay)
    finally:
        if connection.vendor == "sqlite":
            connection.connection.set_trace_callback(None)
    assert response.content == page.content
    assert int(response["X-Statements"]) == statements > 3
    if connection.vendor == "sqlite":
        assert len(sent) == statements
        assert all(statement.startswith("SELECT") for statement in sent)


def test_a_replayed_search_sends_the_planner_settings_around_its_statement(settings):
    from django.db import connection

    from sitewide.bench import _replays, bench_replay

    if connection.vendor != "postgresql":
        pytest.skip("the planner settings are PostgreSQL's")
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    FilmFactory(title="John Wick", year=2014)
    bench_replay(RequestFactory().get("/bench/replay/", {"page": "/search/?q=wick"}))
    statements, page = _replays["/search/?q=wick"]
    sent = [sql.split(";")[0] for sql, _, cursor_class, _ in statements if cursor_class is None]
    assert any(prepared for *_, prepared in statements)  # as the search had it prepared
    around = ["SET plan_cache_mode = force_generic_plan", "RESET plan_cache_mode"]
    assert sent and sent == around * (len(sent) // 2)  # each statement of the search's
    assert "John Wick" in page.content.decode()
