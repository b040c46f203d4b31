"""Reviews' django-simple-history rows become django-reversion revisions, one each."""

from django.db import migrations

from core.history_to_versions import copy_history


def copy_review_history(apps, schema_editor):
    copy_history(apps, schema_editor, "reviews.Review", describe=lambda review: review.headline)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_credit_bylines"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_review_history, migrations.RunPython.noop)]
