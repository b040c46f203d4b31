"""Each film's published reviews that carry a rating, stored with the rest of its review
summary (reviews.services keeps it), filled from the reviews as they stand."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone


def fill(apps, schema_editor):
    Film = apps.get_model("films", "Film")
    Review = apps.get_model("reviews", "Review")
    db = schema_editor.connection.alias
    # As Review.objects.published() (core/publishing.py): historical models lack its methods.
    rated = (
        Review.objects.using(db)
        .filter(
            film=OuterRef("pk"),
            status="published",
            published_at__lte=timezone.now(),
            rating__isnull=False,
        )
        .order_by()
        .values("film")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Film.objects.using(db).filter(pk__in=Review.objects.using(db).values("film")).update(
        rated_review_count=Coalesce(Subquery(rated), 0)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0014_drop_simple_history"),
        ("reviews", "0010_review_critic_published_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="film",
            name="rated_review_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
