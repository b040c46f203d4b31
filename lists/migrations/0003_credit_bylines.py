from django.conf import settings
from django.db import migrations

from authors.bylines import credit_bylines


def credit_bylines_forwards(apps, schema_editor):
    """Every byline gets an author page: an Author per distinct byline, its lists credited."""
    credit_bylines(
        bylined=apps.get_model("lists", "FilmList"),
        author_model=apps.get_model("authors", "Author"),
        user_model=apps.get_model(settings.AUTH_USER_MODEL),
    )


class Migration(migrations.Migration):
    # Apart from the schema change: PostgreSQL cannot add the foreign key's constraint in the
    # transaction that wrote the rows it checks.
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("lists", "0002_filmlist_critic"),
    ]

    operations = [migrations.RunPython(credit_bylines_forwards, migrations.RunPython.noop)]
