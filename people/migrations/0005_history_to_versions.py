"""People's django-simple-history rows become django-reversion revisions, one each."""

from django.db import migrations

from core.history_to_versions import copy_history


def copy_person_history(apps, schema_editor):
    copy_history(apps, schema_editor, "people.Person", describe=lambda person: person.name)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_updated_at_index"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_person_history, migrations.RunPython.noop)]
