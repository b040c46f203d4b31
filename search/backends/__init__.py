"""The search backend for the database in use: SQLite FTS5 or PostgreSQL full-text search."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from search.backends.base import SearchBackend
from search.backends.postgres import PostgresBackend
from search.backends.sqlite import SQLiteBackend

BACKENDS: dict[str, type[SearchBackend]] = {
    backend.vendor: backend for backend in (SQLiteBackend, PostgresBackend)
}


def get_backend() -> SearchBackend:
    try:
        return BACKENDS[connection.vendor](connection)
    except KeyError:
        raise ImproperlyConfigured(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from None
