"""Room for every country and language of the world (loaded by 0007): four-letter codes
for former countries, other names, and a flag for the ones an import made."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('films', '0005_film_title_lower_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='country',
            name='former',
            field=models.BooleanField(default=False, help_text='No longer exists.'),
        ),
        migrations.AddField(
            model_name='country',
            name='needs_check',
            field=models.BooleanField(default=False, help_text='Made by an import from a name nothing knew: check its name, then untick.'),
        ),
        migrations.AddField(
            model_name='country',
            name='other_names',
            field=models.TextField(blank=True, help_text='Other names credits use for it, one per line; the importer knows them.'),
        ),
        migrations.AddField(
            model_name='language',
            name='needs_check',
            field=models.BooleanField(default=False, help_text='Made by an import from a name nothing knew: check its name, then untick.'),
        ),
        migrations.AddField(
            model_name='language',
            name='other_names',
            field=models.TextField(blank=True, help_text='Other names credits use for it, one per line; the importer knows them.'),
        ),
        migrations.AlterField(
            model_name='country',
            name='code',
            field=models.CharField(max_length=4, primary_key=True, serialize=False, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='country',
            name='name',
            field=models.CharField(max_length=150),
        ),
        migrations.AlterField(
            model_name='language',
            name='code',
            field=models.CharField(max_length=3, primary_key=True, serialize=False, verbose_name='code'),
        ),
        migrations.AlterField(
            model_name='language',
            name='name',
            field=models.CharField(max_length=150),
        ),
    ]
