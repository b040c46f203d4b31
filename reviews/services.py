from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from reviews.models import Review


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
