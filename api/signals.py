"""The change feed follows the change event (core/changes.py), once per committed transaction."""

from django.dispatch import receiver

from api import feed
from core.changes import committed


@receiver(committed)
def changes_committed(sender, changes, **kwargs):
    feed.record(changes)
