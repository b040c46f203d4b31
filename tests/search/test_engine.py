"""The full-text machinery each database gets from the migrations, and the one-query plan
that keeps searching fast: a migration that altered search_document and lost a trigger or
the generated column would fail here, not in production."""

import pytest
from django.db import connection

from search.backends import get_backend
from search.backends.postgres import PostgresBackend
from search.backends.sqlite import SQLiteBackend
from search.service import search
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


def rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
def test_sqlite_has_the_fts5_table_and_its_triggers():
    assert isinstance(get_backend(), SQLiteBackend)
    (sql,) = rows("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")[0]
    assert "fts5" in sql and "remove_diacritics 2" in sql and "prefix='2 3 4'" in sql
    triggers = rows(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_document'"
    )
    assert {name for (name,) in triggers} == {
        "search_document_fts_insert",
        "search_document_fts_update",
        "search_document_fts_delete",
    }
    indexes = rows("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'search_%'")
    assert {"search_document_rank_idx", "search_term_length_idx"} <= {n for (n,) in indexes}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_postgres_has_the_extensions_the_vector_and_the_gin_indexes():
    assert isinstance(get_backend(), PostgresBackend)
    extensions = {name for (name,) in rows("SELECT extname FROM pg_extension")}
    assert "unaccent" in extensions
    (generated,) = rows(
        "SELECT is_generated FROM information_schema.columns"
        " WHERE table_name = 'search_document' AND column_name = 'vector'"
    )[0]
    assert generated == "ALWAYS"
    indexes = dict(
        rows("SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'search_%%'")
    )
    for kind in ("film", "person", "review", "list"):  # one per kind: counts stop at the limit
        assert "USING gin (vector)" in indexes[f"search_document_{kind}_vector_idx"]
        assert (
            f"WHERE ((kind)::text = '{kind}'::text)"
            in indexes[f"search_document_{kind}_vector_idx"]
        )
        assert "USING gin (title_vector)" in indexes[f"search_document_{kind}_title_idx"]
    assert "search_document_vector_idx" not in indexes
    assert "last_activity DESC NULLS LAST" in indexes["search_document_rank_idx"]
    assert 'term COLLATE "C"' in indexes["search_term_length_idx"]
    (folded,) = rows("SELECT search_unaccent('Amélie')")[0]
    assert folded == "Amelie"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner settings")
def test_a_search_leaves_the_planner_settings_of_the_transaction_as_they_were(db):
    (jit_before,) = rows("SHOW jit")[0]
    FilmFactory(title="Night Moves", year=1975)
    assert [film.title for film in search("night").films] == ["Night Moves"]
    assert rows("SHOW enable_seqscan")[0] == ("on",)
    assert rows("SHOW jit")[0] == (jit_before,)
    assert rows("SHOW plan_cache_mode")[0] == ("auto",)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner settings")
def test_a_failed_search_statement_leaves_the_planner_settings_as_they_were(db):
    from django.db import DataError, transaction

    with pytest.raises(DataError), transaction.atomic():
        get_backend()._rows("SELECT 1 / %s", [0])
    assert rows("SHOW enable_seqscan")[0] == ("on",)
    assert rows("SHOW plan_cache_mode")[0] == ("auto",)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_search_is_prepared_the_first_time_and_answers_the_same_after(db):
    FilmFactory(title="Night Moves", year=1975)
    FilmFactory(title="Night of the Hunter", year=1955)

    def prepared() -> int:
        statements = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s"
        return rows(statements, ["%search_document d%"])[0][0]

    before = prepared()
    answers = [[film.title for film in search("night").films]]
    assert prepared() == before + 1
    answers += [[film.title for film in search("night").films] for _ in range(3)]
    assert prepared() == before + 1
    assert answers == [["Night Moves", "Night of the Hunter"]] * 4
    # Only the search's own statement: Django's queries are still bound client-side.
    assert connection.connection.prepare_threshold is None


def test_the_vocabulary_near_a_word_holds_every_one_edit_neighbour_in_the_index():
    from search.indexing import _term
    from search.models import SearchTerm

    word = "balerina"
    neighbours = {word[:i] + word[i + 1 :] for i in range(len(word))}  # deletions
    neighbours |= {word[:i] + "x" + word[i + 1 :] for i in range(len(word))}  # substitutions
    neighbours |= {word[:i] + "l" + word[i:] for i in range(len(word) + 1)}  # insertions
    neighbours |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    others = {"ballerinas", "bxlxrina", "palerino", "balerinaxx", "arenilab"}  # two edits away
    SearchTerm.objects.bulk_create([_term(term) for term in neighbours | others | {word}])
    near = get_backend().vocabulary_near([word], prefix="bale")
    assert neighbours | {word} <= near
    assert near - neighbours - {word} <= others  # a superset, but only of what is stored
