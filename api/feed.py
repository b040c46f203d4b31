"""The change feed (/api/v1/changes/): films, people, reviews and lists created, updated or deleted
since a cursor, oldest first, so an app can mirror the catalogue without reading it all again.

Written by the change event (core/changes.py) once a transaction commits: one FeedEntry per
object, moved on by its next change. Read in (changed_at, id) order, leaving out what changed
in the last FEED_SETTLE_SECONDS: rows are written after their transaction commits, and one
written a moment earlier may commit a moment later. Whether an object was created, updated or
deleted is decided when the feed is read, from what the reader may see then: a review
unpublished since the cursor is "deleted" for a reader who cannot see drafts. A scheduled
review's row takes effect when it is published. Rows older than FEED_RETENTION_DAYS are
dropped; a cursor that old is refused (410), and the app reads the lists again.
"""

import base64
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from api.models import FeedEntry
from core.links import absolute_url
from core.publishing import sees_drafts
from films.models import Film
from lists.models import FilmList
from people.models import Person
from reviews.models import Review

KINDS = {
    "films": FeedEntry.Kind.FILM,
    "people": FeedEntry.Kind.PERSON,
    "reviews": FeedEntry.Kind.REVIEW,
    "lists": FeedEntry.Kind.LIST,
}
# What readers see only once it is published: a scheduled one changes when it is.
PUBLISHED = {FeedEntry.Kind.REVIEW: Review, FeedEntry.Kind.LIST: FilmList}
BATCH = 500
PURGE_EVERY = datetime.timedelta(hours=1)
_next_purge = datetime.datetime.min.replace(tzinfo=datetime.UTC)  # in this process
DETAIL_VIEWS = {
    FeedEntry.Kind.FILM: "api:film-detail",
    FeedEntry.Kind.PERSON: "api:person-detail",
    FeedEntry.Kind.REVIEW: "api:review-detail",
    FeedEntry.Kind.LIST: "api:filmlist-detail",
}


class BadCursor(ValueError):
    pass


class ExpiredCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    """A place in the feed: after the entry changed at ``changed_at`` with ``entry_id``."""

    changed_at: datetime.datetime
    entry_id: int = 0

    def encode(self) -> str:
        text = f"{self.changed_at.isoformat()}|{self.entry_id}"
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> "Cursor":
        try:
            padded = token + "=" * (-len(token) % 4)
            moment, entry_id = base64.urlsafe_b64decode(padded).decode().split("|")
            cursor = cls(datetime.datetime.fromisoformat(moment), int(entry_id))
        except (ValueError, UnicodeDecodeError) as error:
            raise BadCursor("This is not a cursor the feed gave out.") from error
        if timezone.is_naive(cursor.changed_at) or cursor.entry_id < 0:
            raise BadCursor("This is not a cursor the feed gave out.")
        if cursor.changed_at < timezone.now() - datetime.timedelta(days=retention_days()):
            raise ExpiredCursor(
                f"This cursor is older than the feed keeps ({retention_days()} days): read "
                "the lists again, and follow the feed from ?since=latest."
            )
        return cursor


def retention_days() -> int:
    return settings.FEED_RETENTION_DAYS


def settled_until() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.FEED_SETTLE_SECONDS)


def latest() -> Cursor:
    """The place to follow the feed from before reading the lists in full."""
    return Cursor(settled_until())


def record(changes) -> None:
    """Move the feed entry of each object ``changes`` holds (a core.changes.Changes) on to now.
    In batches: an import announces thousands of ids at once. One query for one save (two
    for a review), and old entries dropped once an hour."""
    global _next_purge
    now = timezone.now()
    for name, kind in KINDS.items():
        ids = sorted(changes[name])
        for start in range(0, len(ids), BATCH):
            _note(kind, ids[start : start + BATCH], now)
    if now >= _next_purge:
        purge(now)
        _next_purge = now + PURGE_EVERY


def purge(now: datetime.datetime) -> None:
    """Drop the entries older than the feed keeps."""
    cutoff = now - datetime.timedelta(days=retention_days())
    FeedEntry.objects.filter(changed_at__lt=cutoff).delete()


def _note(kind: str, ids: list[int], now: datetime.datetime) -> None:
    takes_effect = {}
    if model := PUBLISHED.get(kind):
        scheduled = model.objects.filter(
            pk__in=ids, status=model.Status.PUBLISHED, published_at__gt=now
        )
        takes_effect = dict(scheduled.values_list("pk", "published_at"))
    FeedEntry.objects.bulk_create(
        [FeedEntry(kind=kind, object_id=pk, changed_at=takes_effect.get(pk, now)) for pk in ids],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["changed_at"],
    )


@dataclass
class Page:
    results: list[dict]
    cursor: Cursor
    has_more: bool


def read(since: Cursor | None, limit: int, user) -> Page:
    """Up to ``limit`` changes after ``since`` (from the start of what is kept when None), as
    ``user`` may see them."""
    entries = FeedEntry.objects.filter(changed_at__lte=settled_until()).order_by("changed_at", "id")
    if since is not None:
        entries = entries.filter(
            Q(changed_at__gt=since.changed_at)
            | Q(changed_at=since.changed_at, id__gt=since.entry_id)
        )
    rows = list(entries[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    visible = _visible(rows, user)
    results = []
    for entry in rows:
        found = visible.get((entry.kind, entry.object_id))
        if found is None:
            action, slug = "deleted", None
        else:
            slug, first_seen = found
            action = "created" if since is None or first_seen > since.changed_at else "updated"
        results.append(
            {
                "kind": entry.kind,
                "id": entry.object_id,
                "slug": slug,
                "action": action,
                "changed_at": entry.changed_at,
                "url": absolute_url(reverse(DETAIL_VIEWS[entry.kind], args=[slug]))
                if slug
                else None,
            }
        )
    last = rows[-1] if rows else None
    cursor = Cursor(last.changed_at, last.id) if last else (since or latest())
    return Page(results, cursor, has_more)


def _visible(rows: list[FeedEntry], user) -> dict[tuple[str, int], tuple[str, datetime.datetime]]:
    """(slug, when it first became visible) of each object in ``rows`` that ``user`` may see."""
    wanted: dict[str, list[int]] = {}
    for entry in rows:
        wanted.setdefault(entry.kind, []).append(entry.object_id)
    visible = {}
    sources = {
        FeedEntry.Kind.FILM: (Film.objects.all(), "created_at"),
        FeedEntry.Kind.PERSON: (Person.objects.all(), "created_at"),
        # A reader first sees a review or list when it is published; an editor, when written.
        **{
            kind: (
                model.objects.visible_to(user),
                "created_at" if sees_drafts(user, model) else "published_at",
            )
            for kind, model in PUBLISHED.items()
        },
    }
    for kind, ids in wanted.items():
        objects, first_seen = sources[kind]
        for pk, slug, seen in (
            objects.filter(pk__in=ids).values_list("pk", "slug", first_seen).order_by()
        ):
            visible[(kind, pk)] = (slug, seen)
    return visible
