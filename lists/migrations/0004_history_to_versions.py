"""Curated lists' django-simple-history rows become django-reversion revisions, one each,
holding the list as it was and its entries as they are now: they kept no history, so
reverting an old version leaves them be."""

from django.db import migrations

from core.history_to_versions import copy_history, rows_now


def copy_list_history(apps, schema_editor):
    copy_history(
        apps,
        schema_editor,
        "lists.FilmList",
        describe=lambda film_list: film_list.title,
        rows=rows_now(apps, schema_editor.connection.alias, ("lists.Entry", "film_list_id")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("lists", "0003_credit_bylines"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_list_history, migrations.RunPython.noop)]
