"""Load ISO 3166-1 countries, ISO 639-1 languages (films/data/*.json, made from pycountry)
and a starting list of genres. Editors add genres; countries and languages are fixed."""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data"

GENRES = [
    "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
    "Fantasy", "History", "Horror", "Music", "Musical", "Mystery", "Romance", "Science Fiction",
    "Spy", "Superhero", "Thriller", "War", "Western",
]


def load(apps, schema_editor):
    Country = apps.get_model("films", "Country")
    Language = apps.get_model("films", "Language")
    Genre = apps.get_model("films", "Genre")
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    languages = json.loads((DATA / "languages.json").read_text(encoding="utf-8"))
    Country.objects.bulk_create([Country(**row) for row in countries], ignore_conflicts=True)
    Language.objects.bulk_create([Language(**row) for row in languages], ignore_conflicts=True)
    Genre.objects.bulk_create(
        [Genre(name=name, slug=slugify(name)) for name in GENRES], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("films", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
