from collections.abc import Iterable
from datetime import timedelta

from django.db.models.functions import Cast
from django.utils import timezone

from core import changes
from films.models import Film
from reviews.models import Review
from reviews.selectors import review_summary

SUMMARY_BATCH = 1_000  # films per UPDATE: SQLite allows some 32,000 parameters a query


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
        rated_now=summary["rated_review_count"],
    )
    rows = films.values_list(
        "pk", "review_count", "average_rating", "rated_review_count",
        "count_now", "average_now", "rated_now",
    )  # fmt: skip
    stale = [pk for pk, *values in rows if values[:3] != values[3:]]
    if stale:
        changes.record(review_summaries=stale)
    return stale
