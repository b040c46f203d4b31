from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from core import changes
from films.models import Film
from reviews.models import Review
from reviews.selectors import review_summary

SUMMARY_BATCH = 1_000  # films per UPDATE: SQLite allows some 32,000 parameters a query


@dataclass
class Publication:
    published: list[Review] = field(default_factory=list)
    # Each review left a draft, with the fields it lacks (Review.missing_for_publication).
    skipped: list[tuple[Review, list[str]]] = field(default_factory=list)


@transaction.atomic
def publish_reviews(*, reviews: QuerySet[Review], at: datetime | None = None) -> Publication:
    """Publish the drafts that are ready and skip the others. Keeps a review's scheduled time
    if it has one, else publishes now.

    Saves each review (not ``.update()``) so every change lands in its history.
    """
    publication = Publication()
    for review in _locked(reviews).exclude(status=Review.Status.PUBLISHED):
        if missing := review.missing_for_publication():
            publication.skipped.append((review, missing))
            continue
        review.status = Review.Status.PUBLISHED
        review.published_at = at or review.published_at or timezone.now()
        review.save(update_fields=["status", "published_at", "updated_at"])
        publication.published.append(review)
    return publication


@transaction.atomic
def unpublish_reviews(*, reviews: QuerySet[Review]) -> int:
    count = 0
    for review in _locked(reviews).filter(status=Review.Status.PUBLISHED):
        review.status = Review.Status.DRAFT
        review.save(update_fields=["status", "updated_at"])
        count += 1
    return count


def _locked(reviews: QuerySet[Review]) -> QuerySet[Review]:
    """The same reviews, locked for the transaction, without the caller's joins
    (PostgreSQL refuses FOR UPDATE on the nullable side of an outer join)."""
    return Review.objects.select_for_update().filter(
        pk__in=list(reviews.values_list("pk", flat=True))
    )


def refresh_review_summaries(film_ids: Iterable[int]) -> None:
    """Store these films' published reviews' count and average rating, as of now (Film's
    ``review_count`` and ``average_rating``): one UPDATE per SUMMARY_BATCH films. Called for
    every change event that holds them (reviews/signals.py)."""
    film_ids = sorted(set(film_ids))
    for start in range(0, len(film_ids), SUMMARY_BATCH):
        Film.objects.filter(pk__in=film_ids[start : start + SUMMARY_BATCH]).update(
            **review_summary()
        )


def announce_reviews_gone_live(*, within: timedelta | None) -> list[int]:
    """Announce the films whose stored review summary a scheduled review's coming out has
    left behind, among those with a review that went live ``within`` this long (None: every
    film), so the summary and the pages follow. No save announces that moment: run this
    every minute (docs/performance.md). Returns the films' ids."""
    films = Film.objects.all()
    if within is not None:
        now = timezone.now()
        went_live = Review.objects.published().filter(published_at__gt=now - within)
        films = films.filter(pk__in=went_live.values("film"))
    summary = review_summary()
    stored = Film._meta.get_field("average_rating")
    films = films.annotate(
        count_now=summary["review_count"],
        average_now=Cast(summary["average_rating"], stored),  # rounded as it is stored
    )
    rows = films.values_list("pk", "review_count", "average_rating", "count_now", "average_now")
    stale = [pk for pk, count, average, *now in rows if [count, average] != now]
    if stale:
        changes.record(review_summaries=stale)
    return stale
