"""What a save or delete of a review changes, recorded for the change event
(core/changes.py). Signals on purpose: the search index and the cache must follow every save,
whatever made it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author
from core import changes
from films.models import Film
from reviews.models import Review
from reviews.services import refresh_review_summaries


@receiver([post_save, post_delete], sender=Review)
def review_changed(sender, instance, using, created=False, **kwargs):
    films = summaries = []
    either_film = [instance.film_id, instance.loaded_value("film_id")]
    new_or_gone = created or kwargs["signal"] is post_delete
    # Its film's record counts its public reviews.
    if new_or_gone or instance.changed("film_id", "status", "published_at"):
        films = either_film
    # Its film's stored review summary counts and averages its published reviews.
    published = Review.Status.PUBLISHED in (instance.status, instance.loaded_value("status"))
    if published and (
        new_or_gone or instance.changed("film_id", "status", "published_at", "rating")
    ):
        summaries = either_film
    changes.record(using, reviews=[instance.pk], films=films, review_summaries=summaries)


@receiver(post_save, sender=Film)
def film_year_changed(sender, instance, using, created=False, **kwargs):
    # A review's record carries its film's year.
    if not created and instance.changed("year"):
        changes.record(using, reviews=instance.reviews.values_list("pk", flat=True))


@receiver(post_save, sender=Film)
def film_written_as_it_was(sender, instance, using, raw=False, **kwargs):
    # A revert (or a fixture) writes the film whole, its stored review summary as it was then.
    if raw:
        changes.record(using, review_summaries=[instance.pk])


@receiver(post_save, sender=Author)
def critic_renamed(sender, instance, using, created=False, **kwargs):
    # A review's record names its critic.
    if not created and instance.changed("name", "slug"):
        changes.record(using, reviews=instance.reviews.values_list("pk", flat=True))


@receiver(changes.committed)
def refresh_summaries(sender, **kwargs):
    refresh_review_summaries(kwargs["changes"]["review_summaries"])
