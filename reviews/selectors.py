"""Films seen through their reviews: annotations the films app cannot make, since it sits
below this one."""

from django.db.models import Avg, Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from reviews.models import Review


def with_review_summary(films: QuerySet) -> QuerySet:
    """Annotate ``review_count`` and ``average_rating`` of published reviews.

    Subqueries, not joins, so they combine with other annotations without multiplying rows.
    """
    by_film = Review.objects.published().filter(film=OuterRef("pk")).order_by().values("film")
    return films.annotate(
        review_count=Coalesce(Subquery(by_film.annotate(count=Count("pk")).values("count")), 0),
        average_rating=Subquery(by_film.annotate(average=Avg("rating")).values("average")),
    )
