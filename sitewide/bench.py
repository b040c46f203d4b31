"""Yardsticks `make bench` measures the site's pages against (bench/site.py), served only with
BENCHMARK_CEILING, never in production."""

import contextlib

from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import render

from films.models import Film


def bench_floor(request):
    """For `make bench` only (BENCHMARK_CEILING): the least an uncached page of this site can
    do, one query and the layout, measured beside the bare view and the real pages. With
    ``?queries=N``, the least a page of N queries can do: N one-row ORM queries."""
    try:
        queries = min(max(int(request.GET.get("queries", 1)), 1), 100)
    except ValueError:
        queries = 1
    films = Film.objects.only("title", "year", "slug").order_by("pk")
    return render(
        request, "sitewide/bench_floor.html", {"films": [films[n] for n in range(queries)]}
    )


_replays: dict[str, tuple[list[tuple], HttpResponse]] = {}  # (sql, params, cursor, prepared)


def bench_replay(request):
    """For `make bench` only (BENCHMARK_CEILING): the necessary work of the page ``?page=``,
    its SQL and its bytes. The page is served once, in this process, and its statements and
    response kept; each request then sends the same statements, and the same settings around
    them, on the same kind of cursor (so a statement the page had prepared is prepared again),
    reads every row and answers the same bytes, without building queries, model instances or
    templates."""
    from django.test import Client  # bench only: production never imports the test client

    path = request.GET.get("page", "")
    if path not in _replays:
        statements = []

        def record(execute, sql, params, many, context):
            # With psycopg's prepare threshold: 0 when the page had the statement prepared.
            prepare = getattr(connection.connection, "prepare_threshold", None) == 0
            statements.append((sql, params, type(context["cursor"].cursor), prepare))
            return execute(sql, params, many, context)

        # What a backend sends on the driver's connection itself passes no execute wrapper:
        # the search's planner settings, around its statement. Recorded there (PostgreSQL's
        # driver allows it; sqlite3's does not, and nothing here sends any to SQLite).
        connection.ensure_connection()
        driver, send = connection.connection, connection.connection.execute

        def record_sent(sql, *args, **kwargs):
            statements.append((sql, None, None, False))
            return send(sql, *args, **kwargs)

        with contextlib.suppress(AttributeError):
            driver.execute = record_sent
        try:
            with connection.execute_wrapper(record):
                page = Client(HTTP_HOST=request.get_host()).get(path)
        finally:
            with contextlib.suppress(AttributeError):
                del driver.execute
        if page.status_code != 200:
            raise Http404(f"{path} answered {page.status_code}.")
        _replays[path] = statements, page
    statements, page = _replays[path]
    connection.ensure_connection()
    for sql, params, cursor_class, prepare in statements:
        if cursor_class is None:
            connection.connection.execute(sql)
            continue
        driver = connection.connection
        cursor = cursor_class(driver)
        if prepare:  # as the page did: prepared on first use, then its plan reused
            threshold, driver.prepare_threshold = driver.prepare_threshold, 0
        try:
            cursor.execute(sql, params)
            cursor.fetchall()
        finally:
            cursor.close()
            if prepare:
                driver.prepare_threshold = threshold
    response = HttpResponse(page.content, content_type=page["Content-Type"])
    response["X-Statements"] = sum(statement[2] is not None for statement in statements)
    return response
