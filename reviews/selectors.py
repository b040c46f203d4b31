"""Films, people and authors seen through their reviews: annotations their apps cannot make,
since they sit below this one."""

from django.db.models import (
    Avg,
    Case,
    Count,
    Expression,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from authors.models import Author
from films.models import CARD_FIELDS, Credit, CreditRole, Film
from people.models import Person
from reviews.models import Review

KNOWN_FOR = 4


def review_summary() -> dict[str, Expression]:
    """A film's ``review_count``, ``average_rating`` and ``rated_review_count`` (those with a
    rating: one published before ratings were required may lack one) of published reviews, as
    of now: what Film stores (reviews.services.refresh_review_summaries).

    Subqueries, not joins, so they combine with other annotations without multiplying rows.
    """
    by_film = Review.objects.published().filter(film=OuterRef("pk")).order_by().values("film")
    rated = by_film.filter(rating__isnull=False)
    return {
        "review_count": Coalesce(Subquery(by_film.annotate(count=Count("pk")).values("count")), 0),
        "average_rating": Subquery(by_film.annotate(average=Avg("rating")).values("average")),
        "rated_review_count": Coalesce(
            Subquery(rated.annotate(count=Count("pk")).values("count")), 0
        ),
    }


def known_for(person: Person, limit: int = KNOWN_FOR) -> list[Film]:
    """The films a person is best known for, by one rule: first the films they lead (directed,
    wrote, or top-three billed in the cast; an unset billing of 0 counts as top), then those
    with the most published reviews here, then the newest. One query."""
    leading = Q(role__in=[CreditRole.DIRECTOR, CreditRole.WRITER]) | Q(
        role=CreditRole.CAST, order__lte=3
    )
    credits = (
        Credit.objects.filter(person=person)
        .annotate(lead=Case(When(leading, then=Value(0)), default=Value(1)))
        .select_related("film")
        .only(*(f"film__{field}" for field in CARD_FIELDS))
        .order_by("lead", "-film__review_count", "-film__year", "film__title", "film_id")
    )
    films: dict[int, Film] = {}
    for credit in credits:
        films.setdefault(credit.film_id, credit.film)
        if len(films) == limit:
            break
    return list(films.values())


def authors_with_published_reviews() -> QuerySet[Author]:
    """Authors with at least one published review, each with its ``review_count``, by name."""
    by_critic = Review.objects.published().filter(critic=OuterRef("pk")).order_by().values("critic")
    return (
        Author.objects.annotate(
            review_count=Subquery(by_critic.annotate(count=Count("pk")).values("count"))
        )
        .filter(review_count__gt=0)
        .order_by("name", "id")
    )
