"""What a save or delete of a curated list or its entries changes, for the change event
(core/changes.py): the cache and the feed follow every save, whatever made it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author
from core import changes
from lists.models import Entry, FilmList


@receiver([post_save, post_delete], sender=FilmList)
def film_list_changed(sender, instance, using, **kwargs):
    changes.record(using, lists=[instance.pk])


@receiver([post_save, post_delete], sender=Entry)
def entry_changed(sender, instance, using, **kwargs):
    changes.record(using, lists=[instance.film_list_id])


@receiver(post_save, sender=Author)
def critic_renamed(sender, instance, using, created=False, **kwargs):
    # A list's record names its critic.
    if not created and instance.changed("name", "slug"):
        changes.record(using, lists=instance.film_lists.values_list("pk", flat=True))
