"""What a save or delete of an author changes, recorded for the change event
(core/changes.py). Signals on purpose: the cache must follow every save, whatever made it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author
from core import changes


@receiver([post_save, post_delete], sender=Author)
def author_changed(sender, instance, using, **kwargs):
    changes.record(using, authors=[instance.pk])
