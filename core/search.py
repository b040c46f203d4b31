"""Site search: films, people and published reviews matching every word of a query.

A plain version over ``icontains``; one function so the page and the API agree.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db.models import Q, QuerySet

from films.models import Film
from people.models import Person
from reviews.models import Review

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


@dataclass
class SearchResults:
    query: str
    films: list[Film] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.films) + len(self.people) + len(self.reviews)


def clean_query(raw: str) -> str:
    """Printable words only, bounded in length: what is safe to search for."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 2])
    return " ".join(printable.split()[:MAX_WORDS])[:MAX_QUERY_LENGTH]


def _matching(queryset: QuerySet, words: list[str], fields: list[str]) -> QuerySet:
    every_word = reduce(
        and_,
        (reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields)) for word in words),
    )
    return queryset.filter(every_word)


def search(raw_query: str, *, limit: int = 20) -> SearchResults:
    query = clean_query(raw_query)
    words = [word for word in query.split() if any(ch.isalnum() for ch in word)]
    results = SearchResults(query=query)
    if not words:
        return results
    results.films = list(
        _matching(Film.objects.all(), words, ["title", "original_title", "year"])
        .only("title", "year", "slug", "logline")
        .order_by("-year", "title")[:limit]
    )
    results.people = list(
        _matching(Person.objects.all(), words, ["name"]).only("name", "slug")[:limit]
    )
    results.reviews = list(
        _matching(
            Review.objects.published().for_listing(), words, ["headline", "standfirst", "body"]
        )[:limit]
    )
    return results
