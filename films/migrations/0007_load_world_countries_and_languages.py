"""Every ISO 3166-1 and 3166-3 country and ISO 639-3 language, from pycountry
(films/reference.py), beside the ones already here: codes are unchanged, so no film loses a
link. (Its own migration: PostgreSQL cannot alter a table that rows just changed.)"""

from django.db import migrations
from django.db.models.functions import Length

from films import reference


def load(apps, schema_editor):
    reference.sync(apps.get_model("films", "Country"), apps.get_model("films", "Language"))


def unload(apps, schema_editor):
    # Back to two-letter countries: the others, if no film names them.
    Country = apps.get_model("films", "Country")
    Country.objects.annotate(length=Length("code")).filter(length__gt=2).delete()


class Migration(migrations.Migration):
    dependencies = [("films", "0006_world_countries_and_languages")]

    operations = [migrations.RunPython(load, unload)]
