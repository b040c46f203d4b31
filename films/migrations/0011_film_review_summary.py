"""Each film's published reviews' count and average rating, stored (reviews.services keeps
them), filled from the reviews as they stand; and the index that sorts films by rating."""

from django.db import migrations, models
from django.db.models import Avg, Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone


def fill(apps, schema_editor):
    Film = apps.get_model("films", "Film")
    Review = apps.get_model("reviews", "Review")
    db = schema_editor.connection.alias
    # As Review.objects.published() (core/publishing.py): historical models lack its methods.
    by_film = (
        Review.objects.using(db)
        .filter(film=OuterRef("pk"), status="published", published_at__lte=timezone.now())
        .order_by()
        .values("film")
    )
    Film.objects.using(db).filter(pk__in=Review.objects.using(db).values("film")).update(
        review_count=Coalesce(Subquery(by_film.annotate(count=Count("pk")).values("count")), 0),
        average_rating=Subquery(by_film.annotate(average=Avg("rating")).values("average")),
    )


def create_index(apps, schema_editor):
    # Highest rated first, unrated last, then by title: FilmFilter's "-rating" sort. SQLite
    # puts nulls last in a descending order by itself, and has no NULLS LAST in an index.
    nulls_last = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        "CREATE INDEX film_rating_idx ON films_film "
        f"(average_rating DESC{nulls_last}, title, id)"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS film_rating_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0010_updated_at_index"),
        ("reviews", "0005_review_drafts_may_lack_a_body"),
    ]

    operations = [
        migrations.AddField(
            model_name="film",
            name="review_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="film",
            name="average_rating",
            field=models.DecimalField(
                blank=True, decimal_places=16, editable=False, max_digits=17, null=True
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
        # Film's history (simple_history) copies every field.
        migrations.AddField(
            model_name="historicalfilm",
            name="review_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="historicalfilm",
            name="average_rating",
            field=models.DecimalField(
                blank=True, decimal_places=16, editable=False, max_digits=17, null=True
            ),
        ),
    ]
