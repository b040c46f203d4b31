"""A starting list of genres; editors add more. (Countries and languages: migration 0007.)"""

from django.db import migrations
from django.utils.text import slugify

GENRES = [
    "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
    "Fantasy", "History", "Horror", "Music", "Musical", "Mystery", "Romance", "Science Fiction",
    "Spy", "Superhero", "Thriller", "War", "Western",
]  # fmt: skip


def load(apps, schema_editor):
    Genre = apps.get_model("films", "Genre")
    Genre.objects.bulk_create(
        [Genre(name=name, slug=slugify(name)) for name in GENRES], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("films", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
