"""What a save or delete of a person changes, recorded for the change event (core/changes.py).
Signals on purpose: the search index and the cache must follow every save, whatever made it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core import changes
from people.models import Person


@receiver([post_save, post_delete], sender=Person)
def person_changed(sender, instance, using, **kwargs):
    changes.record(using, people=[instance.pk])
