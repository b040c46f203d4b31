"""What a save or delete of a review changes, recorded for the change event
(core/changes.py). Signals on purpose: the search index and the cache must follow every save,
whatever made it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author
from core import changes
from films.models import Film
from reviews.models import Review


@receiver([post_save, post_delete], sender=Review)
def review_changed(sender, instance, using, created=False, **kwargs):
    films = []
    # Its film's record counts its public reviews.
    if (
        created
        or kwargs["signal"] is post_delete
        or instance.changed("film_id", "status", "published_at")
    ):
        films = [instance.film_id, instance.loaded_value("film_id")]
    changes.record(using, reviews=[instance.pk], films=films)


@receiver(post_save, sender=Film)
def film_year_changed(sender, instance, using, created=False, **kwargs):
    # A review's record carries its film's year.
    if not created and instance.changed("year"):
        changes.record(using, reviews=instance.reviews.values_list("pk", flat=True))


@receiver(post_save, sender=Author)
def critic_renamed(sender, instance, using, created=False, **kwargs):
    # A review's record names its critic.
    if not created and instance.changed("name", "slug"):
        changes.record(using, reviews=instance.reviews.values_list("pk", flat=True))
