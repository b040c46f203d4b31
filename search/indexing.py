"""Keeping the search index in step with films, people, credits and reviews.

Signals (``search.signals``) call ``reindex()`` on every save and delete, whichever path made
it: admin, API, services, management commands. ``QuerySet.update()``, ``bulk_create()``,
``bulk_update()`` and raw SQL send no signals, so code that writes that way calls
``reindex(films=..., people=..., reviews=...)`` with the ids it touched, or wraps its work in
``deferred_indexing()`` if it saves row by row and wants one index update at the end::

    Credit.objects.bulk_create(credits)
    reindex(films={c.film_id for c in credits}, people={c.person_id for c in credits})

The index lives in the same database and is written in the caller's transaction, so a rolled
back save leaves no trace in it either.
"""

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Count, Max, Q

from films.models import Credit, Film
from people.models import Person
from reviews.models import Review
from search.backends import get_backend
from search.backends.base import document_id
from search.models import DocumentKind, SearchDocument, SearchTerm
from search.text import markdown_to_text, normalise, vocabulary_term

# A review longer than this is indexed by its beginning; PostgreSQL caps a tsvector at 1 MB.
MAX_TEXT_LENGTH = 100_000
REBUILD_BATCH_SIZE = 2000
UPDATE_FIELDS = [
    "title",
    "alt_title",
    "text",
    "label",
    "slug",
    "year",
    "review_count",
    "credit_count",
    "last_activity",
]

Progress = Callable[[str, int, int], None]


def reindex(
    *, films: Iterable[int] = (), people: Iterable[int] = (), reviews: Iterable[int] = ()
) -> None:
    """Bring the documents of these films, people and reviews up to date.

    Ids of rows that are gone, or of reviews that are not published, remove their documents.
    A film's reviews follow it (they carry its year), and a review's film follows it (its
    review count ranks it).
    """
    update_index(films=films, people=people, reviews=reviews)


def update_index(
    *,
    films: Iterable[int] = (),
    people: Iterable[int] = (),
    reviews: Iterable[int] = (),
    cascade: bool = True,
) -> None:
    """``reindex()``, or collected for later inside ``deferred_indexing()``. The signals pass
    ``cascade=False`` with exactly the records a save affects: a credit's film and person, a
    review and its film, so that a film's reviews are not rewritten for each of its credits."""
    film_ids, person_ids, review_ids = set(films), set(people), set(reviews)
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        pending["films"] |= film_ids
        pending["people"] |= person_ids
        pending["reviews"] |= review_ids
        return
    if film_ids and cascade:
        review_ids |= set(
            Review.objects.filter(film_id__in=film_ids, status=Review.Status.PUBLISHED)
            .order_by()
            .values_list("pk", flat=True)
        )
    if review_ids and cascade:
        film_ids |= set(
            Review.objects.filter(pk__in=review_ids).order_by().values_list("film_id", flat=True)
        )
    if film_ids:
        _write(DocumentKind.FILM, film_ids, film_documents(Q(pk__in=film_ids)))
    if person_ids:
        _write(DocumentKind.PERSON, person_ids, person_documents(Q(pk__in=person_ids)))
    if review_ids:
        _write(DocumentKind.REVIEW, review_ids, review_documents(Q(pk__in=review_ids)))


def reindex_films(ids: Iterable[int]) -> None:
    reindex(films=ids)


def reindex_people(ids: Iterable[int]) -> None:
    reindex(people=ids)


def reindex_reviews(ids: Iterable[int]) -> None:
    reindex(reviews=ids)


_deferred = threading.local()


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Collect the index updates of every save and delete in the block and make them once, at
    its end: for imports that save many rows one by one. Nested blocks join the outermost. If
    the block raises, nothing is indexed (its transaction is expected to roll back)."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending = {"films": set(), "people": set(), "reviews": set()}
    try:
        yield
        pending = _deferred.pending
    finally:
        _deferred.pending = None
    reindex(**pending)


def rebuild(*, batch_size: int = REBUILD_BATCH_SIZE, progress: Progress | None = None) -> dict:
    """Empty the index and write it again from every film, person and published review, in
    batches; ``progress(label, done, total)`` after each. One transaction: searches see the
    old index until the new one is complete. Then, unless called inside a transaction, the
    backend tidies up (PostgreSQL vacuums away the old rows, which would slow every search
    until autovacuum came round)."""
    backend = get_backend()
    counts = _rebuild(backend, batch_size, progress)
    if not transaction.get_connection().in_atomic_block:
        backend.rebuild_committed()
    return counts


@transaction.atomic
def _rebuild(backend, batch_size: int, progress: Progress | None) -> dict:
    backend.rebuild_started()
    vocabulary: set[str] = set()
    counts = {}
    sources = [
        ("Films", Film.objects.all(), film_documents),
        ("People", Person.objects.all(), person_documents),
        ("Reviews", Review.objects.filter(status=Review.Status.PUBLISHED), review_documents),
    ]
    for label, queryset, build in sources:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        counts[label.lower()] = len(ids)
        if progress:
            progress(label, 0, len(ids))
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            documents = build(Q(pk__gte=batch[0], pk__lte=batch[-1]))
            SearchDocument.objects.bulk_create(documents, batch_size=500)
            vocabulary |= _terms(documents)
            if progress:
                progress(label, start + len(batch), len(ids))
    terms = sorted(vocabulary)
    if progress:
        progress("Vocabulary", 0, len(terms))
    for start in range(0, len(terms), 10 * batch_size):
        batch = terms[start : start + 10 * batch_size]
        SearchTerm.objects.bulk_create([_term(term) for term in batch], batch_size=300)
        if progress:
            progress("Vocabulary", start + len(batch), len(terms))
    backend.rebuild_finished()
    counts["terms"] = len(terms)
    return counts


def film_documents(where: Q) -> list[SearchDocument]:
    """Documents for the films matching ``where``: title, original title, year, logline and
    the characters of the cast; ranked by public reviews and credits. Three plain queries."""
    films = list(
        Film.objects.filter(where)
        .order_by()
        .values("pk", "title", "original_title", "year", "logline", "slug")
    )
    ids = [film["pk"] for film in films]
    review_stats = {
        row["film_id"]: row
        for row in Review.objects.published()
        .filter(film_id__in=ids)
        .order_by()
        .values("film_id")
        .annotate(count=Count("pk"), newest=Max("published_at"))
    }
    credit_counts: dict[int, int] = {}
    characters: dict[int, list[str]] = {}
    credits = Credit.objects.filter(film_id__in=ids).order_by().values_list("film_id", "character")
    for film_id, character in credits:  # only cast credits have a character
        credit_counts[film_id] = credit_counts.get(film_id, 0) + 1
        if character:
            characters.setdefault(film_id, []).append(character)
    documents = []
    for film in films:
        title = normalise(film["title"])
        alt_title = normalise(film["original_title"])
        text = " ".join([str(film["year"]), film["logline"], *characters.get(film["pk"], [])])
        stats = review_stats.get(film["pk"], {})
        documents.append(
            SearchDocument(
                id=document_id(DocumentKind.FILM, film["pk"]),
                kind=DocumentKind.FILM,
                object_id=film["pk"],
                title=title,
                alt_title="" if alt_title == title else alt_title,
                text=normalise(text[:MAX_TEXT_LENGTH]),
                label=film["title"],
                slug=film["slug"],
                year=film["year"],
                review_count=stats.get("count", 0),
                credit_count=credit_counts.get(film["pk"], 0),
                last_activity=stats.get("newest"),
            )
        )
    return documents


def person_documents(where: Q) -> list[SearchDocument]:
    people = (
        Person.objects.filter(where)
        .annotate(credit_total=Count("credits"))
        .order_by()
        .values("pk", "name", "slug", "credit_total")
    )
    return [
        SearchDocument(
            id=document_id(DocumentKind.PERSON, person["pk"]),
            kind=DocumentKind.PERSON,
            object_id=person["pk"],
            title=normalise(person["name"]),
            label=person["name"],
            slug=person["slug"],
            credit_count=person["credit_total"],
        )
        for person in people
    ]


def review_documents(where: Q) -> list[SearchDocument]:
    """Documents for the published reviews matching ``where`` (scheduled ones too: searches
    compare ``last_activity``, the publication time, with now, which together with the
    status is ``Review.objects.published()``). Drafts get none."""
    reviews = (
        Review.objects.filter(where, status=Review.Status.PUBLISHED)
        .order_by()
        .values("pk", "headline", "standfirst", "body", "slug", "published_at", "film__year")
    )
    documents = []
    for review in reviews:
        text = " ".join(
            [str(review["film__year"]), review["standfirst"], markdown_to_text(review["body"])]
        )
        documents.append(
            SearchDocument(
                id=document_id(DocumentKind.REVIEW, review["pk"]),
                kind=DocumentKind.REVIEW,
                object_id=review["pk"],
                title=normalise(review["headline"]),
                text=normalise(text[:MAX_TEXT_LENGTH]),
                label=review["headline"][:300],
                slug=review["slug"],
                year=review["film__year"],
                last_activity=review["published_at"],
            )
        )
    return documents


def _write(kind: str, ids: set[int], documents: list[SearchDocument]) -> None:
    SearchDocument.objects.bulk_create(
        documents, update_conflicts=True, unique_fields=["id"], update_fields=UPDATE_FIELDS
    )
    if gone := ids - {document.object_id for document in documents}:
        SearchDocument.objects.filter(id__in=[document_id(kind, pk) for pk in gone]).delete()
    if terms := _terms(documents):
        SearchTerm.objects.bulk_create([_term(term) for term in terms], ignore_conflicts=True)


def _terms(documents: list[SearchDocument]) -> set[str]:
    return {
        word
        for document in documents
        for field in (document.title, document.alt_title, document.text)
        for word in field.split()
        if vocabulary_term(word)
    }


def _term(word: str) -> SearchTerm:
    return SearchTerm(term=word, length=len(word), reversed_term=word[::-1])
