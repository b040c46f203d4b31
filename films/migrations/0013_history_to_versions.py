"""The films' and credits' django-simple-history rows become django-reversion revisions.

Each historical film row is a revision holding the film as it was, its credits as they were
after that save (from the credits' own history), and its release dates, titles, stills,
countries, languages and relations as they are now: they kept no history, so reverting an
old version leaves them be. A credit row saved apart from any film row is a revision of its
own."""

from django.db import migrations

from core.history_to_versions import (
    both,
    copy_history,
    copy_lone_credit_history,
    credits_then,
    rows_now,
)


def copy_film_history(apps, schema_editor):
    using = schema_editor.connection.alias
    untracked = rows_now(
        apps,
        using,
        ("films.ReleaseDate", "film_id"),
        ("films.AlternativeTitle", "film_id"),
        ("films.Still", "film_id"),
        ("films.FilmCountry", "film_id"),
        ("films.FilmLanguage", "film_id"),
        ("films.FilmRelation", "film_id"),
    )
    copy_history(
        apps,
        schema_editor,
        "films.Film",
        describe=lambda film: f"{film.title} ({film.year})",
        rows=both(credits_then(apps, using), untracked),
        genres_table="HistoricalFilm_genres",
    )
    copy_lone_credit_history(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0012_film_list_sort_indexes"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_film_history, migrations.RunPython.noop)]
