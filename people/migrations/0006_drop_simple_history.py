# The history is django-reversion's now (the migration before copied it there).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0005_history_to_versions'),
    ]

    operations = [
        migrations.DeleteModel(
            name='HistoricalPerson',
        ),
    ]
