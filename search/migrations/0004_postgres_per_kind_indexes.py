"""PostgreSQL only: a GIN index per kind of document for each tsvector column, in place of one
over the whole table.

A search counts each kind's matches only up to the count limit. With one index over every
kind, a count of people matching "night" had to visit each of the tens of thousands of films
and reviews that match too; a kind's own index holds only its documents, so a count stops at
the limit, or at once when the kind has none (search/backends/postgres.py).
"""

from django.db import migrations

KINDS = ("film", "person", "review")
COLUMNS = {"vector": "vector", "title": "title_vector"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind in KINDS:
        for name, column in COLUMNS.items():
            schema_editor.execute(
                f"CREATE INDEX search_document_{kind}_{name}_idx ON search_document"
                f" USING gin ({column}) WHERE kind = '{kind}'"
            )
    schema_editor.execute("DROP INDEX IF EXISTS search_document_vector_idx")
    schema_editor.execute("DROP INDEX IF EXISTS search_document_title_idx")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX search_document_vector_idx ON search_document USING gin (vector)"
    )
    schema_editor.execute(
        "CREATE INDEX search_document_title_idx ON search_document USING gin (title_vector)"
    )
    for kind in KINDS:
        for name in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS search_document_{kind}_{name}_idx")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
