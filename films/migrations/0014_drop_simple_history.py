# The history is django-reversion's now (0011 copied it there).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0013_history_to_versions"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalFilm_genres"),
        migrations.DeleteModel(name="HistoricalFilm"),
        migrations.DeleteModel(name="HistoricalCredit"),
    ]
