"""Curated lists in the index: a kind of their own, left out of searches until their
publication time as reviews are, and on PostgreSQL their own GIN indexes (as in 0004)."""

from django.db import migrations, models

COLUMNS = {"vector": "vector", "title": "title_vector"}


def create_list_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX search_document_list_{name}_idx ON search_document"
            f" USING gin ({column}) WHERE kind = 'list'"
        )


def drop_list_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_document_list_{name}_idx")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0004_postgres_per_kind_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='searchdocument',
            name='search_document_scheduled_idx',
        ),
        migrations.AlterField(
            model_name='searchdocument',
            name='kind',
            field=models.CharField(choices=[('film', 'Film'), ('person', 'Person'), ('review', 'Review'), ('list', 'Curated list')], max_length=6),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(condition=models.Q(('kind__in', ('review', 'list'))), fields=['last_activity'], name='search_document_scheduled_idx'),
        ),
        migrations.RunPython(create_list_indexes, drop_list_indexes, elidable=False),
    ]
