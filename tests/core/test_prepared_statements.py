"""On PostgreSQL the site's queries are bound server-side, and a query a connection runs a
fifth time is prepared: planned once, not on every page (config/settings.py)."""

import pytest
from django.db import connection

from films.models import Film
from tests.factories import FilmFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"
    ),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_query_run_a_fifth_time_is_prepared_and_answers_the_same():
    films = [FilmFactory(title=title) for title in ("Nosferatu", "Vampyr", "Häxan")]
    by_slug = Film.objects.values_list("title", flat=True)
    answers = [by_slug.get(slug=film.slug) for film in films * 2]
    assert answers == ["Nosferatu", "Vampyr", "Häxan"] * 2
    assert any('"films_film"."slug" = $1' in statement for statement in prepared_statements())
