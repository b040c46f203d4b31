"""PostgreSQL only: unaccent, the tsvector columns and their GIN indexes, and the B-tree indexes
that searches read in order.

The text is folded by search.text before it is stored; unaccent() folds it the same way again,
so anything written around the service still matches. unaccent() itself is only STABLE (it
reads a dictionary), so a generated column needs the IMMUTABLE wrapper below, schema-qualified
to wherever the extension lives.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class CreateUnaccentOnPostgres(UnaccentExtension):
    """A no-op off PostgreSQL, like its parent; unapplied, it leaves the extension installed
    (something else may use it) instead of trying to drop it."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_extension JOIN pg_namespace ON pg_namespace.oid = extnamespace"
            " WHERE extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    unaccent = f"{schema_editor.quote_name(schema)}.unaccent"
    for statement in [
        f"""
        CREATE OR REPLACE FUNCTION search_unaccent(text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT {unaccent}('{unaccent}'::regdictionary, $1) $$
        """,
        """
        ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS (
            to_tsvector(
                'simple'::regconfig, search_unaccent(title || ' ' || alt_title || ' ' || text)
            )
        ) STORED
        """,
        """
        ALTER TABLE search_document ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple'::regconfig, search_unaccent(title || ' ' || alt_title))
        ) STORED
        """,
        # Every search: the words of a query against every document.
        "CREATE INDEX search_document_vector_idx ON search_document USING gin (vector)",
        # Ranking: the words against titles. A column of its own rather than weights in the
        # first, because GIN does not keep weights: a title-only match would recheck them all.
        "CREATE INDEX search_document_title_idx ON search_document USING gin (title_vector)",
        # Common words: a kind's matches in rank order, read until a page is full.
        """
        CREATE INDEX search_document_rank_idx ON search_document (
            kind, review_count DESC, last_activity DESC NULLS LAST, credit_count DESC,
            year DESC NULLS LAST, object_id
        )
        """,
        # Typo candidates: the words of the right length that start, or end, like the query
        # word; byte order, so a range of words sharing a start is one range of the index.
        'CREATE INDEX search_term_length_idx ON search_term (length, term COLLATE "C")',
        'CREATE INDEX search_term_reversed_idx ON search_term (length, reversed_term COLLATE "C")',
    ]:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [
        "DROP INDEX IF EXISTS search_term_reversed_idx",
        "DROP INDEX IF EXISTS search_term_length_idx",
        "DROP INDEX IF EXISTS search_document_rank_idx",
        "DROP INDEX IF EXISTS search_document_title_idx",
        "DROP INDEX IF EXISTS search_document_vector_idx",
        "ALTER TABLE search_document DROP COLUMN IF EXISTS title_vector",
        "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
        "DROP FUNCTION IF EXISTS search_unaccent(text)",
    ]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_sqlite_fts")]

    operations = [CreateUnaccentOnPostgres(), migrations.RunPython(create, drop)]
