"""SQLite only: the FTS5 index over search_document, kept in step by triggers, and the B-tree
indexes that searches read in order.

External content (the text stays in search_document, FTS5 keeps only the index). The text is
folded by search.text before it is stored; unicode61 with remove_diacritics 2 folds it the same
way again, so anything written around the service still matches. Prefix indexes of 2 to 4
letters make the word being typed (balle*) as quick as a whole word.
"""

from django.db import migrations

CREATE = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, alt_title, text,
        content='search_document', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2',
        prefix='2 3 4'
    )
    """,
    """
    CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, title, alt_title, text)
        VALUES (new.id, new.title, new.alt_title, new.text);
    END
    """,
    """
    CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, alt_title, text)
        VALUES ('delete', old.id, old.title, old.alt_title, old.text);
    END
    """,
    """
    CREATE TRIGGER search_document_fts_update AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, alt_title, text)
        VALUES ('delete', old.id, old.title, old.alt_title, old.text);
        INSERT INTO search_fts(rowid, title, alt_title, text)
        VALUES (new.id, new.title, new.alt_title, new.text);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    # Common words: a kind's matches in rank order, read until a page is full. DESC puts NULLs
    # last in SQLite, as the searches' ORDER BY wants.
    """
    CREATE INDEX search_document_rank_idx ON search_document (
        kind, review_count DESC, last_activity DESC, credit_count DESC, year DESC, object_id
    )
    """,
    # Typo candidates: the words of the right length that start, or end, like the query word.
    "CREATE INDEX search_term_length_idx ON search_term (length, term)",
    "CREATE INDEX search_term_reversed_idx ON search_term (length, reversed_term)",
]
DROP = [
    "DROP INDEX IF EXISTS search_term_reversed_idx",
    "DROP INDEX IF EXISTS search_term_length_idx",
    "DROP INDEX IF EXISTS search_document_rank_idx",
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run_on_sqlite(CREATE), run_on_sqlite(DROP))]
