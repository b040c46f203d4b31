from django.db import models


class FeedEntry(models.Model):
    """The latest change to one film, person, review or list, for the change feed (api/feed.py):
    one row per object, replaced by each change, so a feed never repeats an object."""

    class Kind(models.TextChoices):
        FILM = "film"
        PERSON = "person"
        REVIEW = "review"
        LIST = "list"

    kind = models.CharField(max_length=6, choices=Kind)
    object_id = models.BigIntegerField()
    # When readers see the change: now, or a scheduled review's or list's publication.
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "feed entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="feed_entry_once")
        ]
        indexes = [models.Index(fields=["changed_at", "id"], name="feed_entry_order_idx")]

    def __str__(self):
        return f"{self.kind} {self.object_id} at {self.changed_at:%Y-%m-%d %H:%M:%S}"
