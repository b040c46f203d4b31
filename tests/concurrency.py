"""Helpers for tests that race two requests on PostgreSQL, each thread on its own connection."""

import os
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

THREAD_TIMEOUT_SECONDS = 30


def _postgres_run_in_ci() -> bool:
    return os.environ.get("CI") == "true" and os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    )


# Races need PostgreSQL: SQLite has no row locks and runs one writer at a time, so a race there
# proves nothing. A mark, so SQLite runs skip before any database set-up; CI's PostgreSQL run
# never skips (require_postgres fails it instead).
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql" and not _postgres_run_in_ci(),
    reason="races need PostgreSQL: run with DATABASE_URL=postgres://…",
)


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.fail("CI: the PostgreSQL run is not running on PostgreSQL")


def run_at_once(*calls: Callable[[], object]) -> list:
    """Run each call in its own thread, all released together by a barrier; their results in
    order. Each thread closes its database connections; an exception in one is raised here."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=THREAD_TIMEOUT_SECONDS)
            results[index] = call()
        except BaseException as error:  # raised again in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THREAD_TIMEOUT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    if errors:
        raise errors[0]
    return results
