"""Keeping the search index in step with films, people, credits, reviews and curated lists.

The change event (core/changes.py, subscribed in ``search.signals``) calls ``reindex()`` once
per committed transaction with every film, person, review and list it changed, whichever path
made the change; bulk writers announce their batches through the same event. ``rebuild()`` writes
the whole index afresh (``manage.py rebuild_search_index``).
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Aggregate, Count, Max, OuterRef, Q, Subquery, TextField
from django.utils import timezone

from core import pagecache
from films.models import AlternativeTitle, Credit, Film
from lists.models import Entry, FilmList
from people.models import Person
from reviews.models import Review
from search.backends import get_backend
from search.backends.base import document_id
from search.models import TIMED_KINDS, DocumentKind, SearchDocument, SearchTerm
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
    *,
    films: Iterable[int] = (),
    people: Iterable[int] = (),
    reviews: Iterable[int] = (),
    lists: Iterable[int] = (),
    retitled_films: Iterable[int] = (),
) -> None:
    """Bring the documents of these films, people, reviews and lists up to date, and of the
    lists that hold the retitled films (a list's document carries its films' titles): one
    query to read each kind, one to write them all and one for the new words of public ones.
    Ids of rows that are gone, or of reviews and lists that are not published, remove their
    documents (one query); so does a public one scheduled again, in effect (one query to
    tell). Then the words they took away that no public document holds leave the vocabulary
    (one more)."""
    now = timezone.now()
    retitled_films = set(retitled_films)
    lists_with_films = (
        Q(pk__in=Entry.objects.filter(film__in=retitled_films).values("film_list"))
        if retitled_films
        else Q()
    )
    wanted = {
        DocumentKind.FILM: (set(films), Q(), film_documents),
        DocumentKind.PERSON: (set(people), Q(), person_documents),
        DocumentKind.REVIEW: (set(reviews), Q(), review_documents),
        DocumentKind.LIST: (set(lists), lists_with_films, list_documents),
    }
    documents, gone = [], []
    for kind, (ids, also, build) in wanted.items():
        if ids or also:
            built = build(Q(pk__in=ids) | also)
            documents += built
            gone += [document_id(kind, pk) for pk in ids - {doc.object_id for doc in built}]
    public_terms = _terms([document for document in documents if _public(document, now)])
    if scheduled := [document.id for document in documents if not _public(document, now)]:
        leaving = _terms(
            SearchDocument.objects.filter(id__in=scheduled, last_activity__lte=now).only(
                "title", "alt_title", "text"
            )
        )
    else:
        leaving = set()
    if documents:
        SearchDocument.objects.bulk_create(
            documents, update_conflicts=True, unique_fields=["id"], update_fields=UPDATE_FIELDS
        )
        if public_terms:
            SearchTerm.objects.bulk_create(
                [_term(term) for term in public_terms], ignore_conflicts=True
            )
    # Words only edited away stay: pruning them would cost every save a query, and they were
    # public. (Nor can an upsert return what it replaced.)
    if gone:
        leaving |= _words(get_backend().delete_documents(gone))
    if leaving := leaving - public_terms:
        get_backend().prune_vocabulary(sorted(leaving), now)


def rebuild(*, batch_size: int = REBUILD_BATCH_SIZE, progress: Progress | None = None) -> dict:
    """Empty the index and write it again from every film, person, published review and list, in
    batches, and the vocabulary from the public ones; ``progress(label, done, total)`` after
    each. One transaction: searches see the old index until the new one is complete. Then,
    unless called inside a transaction, the backend tidies up (PostgreSQL vacuums away the
    old rows, which would slow every search until autovacuum came round)."""
    backend = get_backend()
    counts = _rebuild(backend, batch_size, progress)
    if not transaction.get_connection().in_atomic_block:
        backend.rebuild_committed()
    pagecache.new_catalogue_version()  # cached search results came from the old index
    return counts


@transaction.atomic
def _rebuild(backend, batch_size: int, progress: Progress | None) -> dict:
    backend.rebuild_started()
    now = timezone.now()
    vocabulary: set[str] = set()
    counts = {}
    sources = [
        ("Films", Film.objects.all(), film_documents),
        ("People", Person.objects.all(), person_documents),
        ("Reviews", Review.objects.filter(status=Review.Status.PUBLISHED), review_documents),
        ("Lists", FilmList.objects.filter(status=FilmList.Status.PUBLISHED), list_documents),
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
            vocabulary |= _terms([document for document in documents if _public(document, now)])
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


class JoinedText(Aggregate):
    """Text values joined by spaces: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def film_documents(where: Q) -> list[SearchDocument]:
    """Documents for the films matching ``where``: title, original and alternative titles,
    year, logline and the characters of the cast; ranked by public reviews and credits. One
    query."""
    reviews = Review.objects.published().filter(film=OuterRef("pk")).order_by().values("film")
    credits = Credit.objects.filter(film=OuterRef("pk")).order_by().values("film")
    films = (
        Film.objects.filter(where)
        .order_by()
        .annotate(
            review_total=Subquery(reviews.annotate(total=Count("pk")).values("total")),
            newest_review=Subquery(reviews.annotate(newest=Max("published_at")).values("newest")),
            credit_total=Subquery(credits.annotate(total=Count("pk")).values("total")),
            characters=Subquery(  # only cast credits have a character
                credits.exclude(character="").annotate(text=JoinedText("character")).values("text")
            ),
            other_titles=Subquery(
                AlternativeTitle.objects.filter(film=OuterRef("pk"))
                .order_by()
                .values("film")
                .annotate(text=JoinedText("title"))
                .values("text")
            ),
        )
        .values(
            "pk",
            "title",
            "original_title",
            "year",
            "logline",
            "slug",
            "review_total",
            "newest_review",
            "credit_total",
            "characters",
            "other_titles",
        )  # fmt: skip
    )
    documents = []
    for film in films:
        title = normalise(film["title"])
        # Original and alternative titles rank below the title (search/backends).
        original = normalise(film["original_title"])
        alt_title = normalise(
            f"{'' if original == title else original} {film['other_titles'] or ''}"
        )
        text = " ".join([str(film["year"]), film["logline"], film["characters"] or ""])
        documents.append(
            SearchDocument(
                id=document_id(DocumentKind.FILM, film["pk"]),
                kind=DocumentKind.FILM,
                object_id=film["pk"],
                title=title,
                alt_title=alt_title,
                text=normalise(text[:MAX_TEXT_LENGTH]),
                label=film["title"],
                slug=film["slug"],
                year=film["year"],
                review_count=film["review_total"] or 0,
                credit_count=film["credit_total"] or 0,
                last_activity=film["newest_review"],
            )
        )
    return documents


def person_documents(where: Q) -> list[SearchDocument]:
    people = (
        Person.objects.filter(where)
        .annotate(credit_total=Count("credits"))
        .order_by()
        .values("pk", "name", "other_names", "slug", "credit_total")
    )
    return [
        SearchDocument(
            id=document_id(DocumentKind.PERSON, person["pk"]),
            kind=DocumentKind.PERSON,
            object_id=person["pk"],
            title=normalise(person["name"]),
            alt_title=normalise(" ".join(person["other_names"].split())),  # also known as
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


def list_documents(where: Q) -> list[SearchDocument]:
    """Documents for the published lists matching ``where`` (scheduled ones too, as reviews):
    title, byline, introduction and the titles of their films. One query. Drafts get none."""
    film_titles = (
        Entry.objects.filter(film_list=OuterRef("pk"))
        .order_by()
        .values("film_list")
        .annotate(text=JoinedText("film__title"))
        .values("text")
    )
    film_lists = (
        FilmList.objects.filter(where, status=FilmList.Status.PUBLISHED)
        .order_by()
        .annotate(film_titles=Subquery(film_titles))
        .values("pk", "title", "byline", "introduction", "slug", "published_at", "film_titles")
    )
    documents = []
    for film_list in film_lists:
        text = " ".join(
            [
                film_list["byline"],
                markdown_to_text(film_list["introduction"]),
                film_list["film_titles"] or "",
            ]
        )
        documents.append(
            SearchDocument(
                id=document_id(DocumentKind.LIST, film_list["pk"]),
                kind=DocumentKind.LIST,
                object_id=film_list["pk"],
                title=normalise(film_list["title"]),
                text=normalise(text[:MAX_TEXT_LENGTH]),
                label=film_list["title"][:300],
                slug=film_list["slug"],
                last_activity=film_list["published_at"],
            )
        )
    return documents


def _public(document: SearchDocument, now: datetime) -> bool:
    """Whether searches show the document at ``now``: a scheduled review's or list's words
    stay out of the vocabulary, which suggests close spellings, until it is public."""
    return document.kind not in TIMED_KINDS or document.last_activity <= now


def _terms(documents: Iterable[SearchDocument]) -> set[str]:
    return _words((document.title, document.alt_title, document.text) for document in documents)


def _words(documents_fields: Iterable[Iterable[str]]) -> set[str]:
    """The vocabulary terms of documents given as their indexed text fields."""
    return {
        word
        for fields in documents_fields
        for field in fields
        for word in field.split()
        if vocabulary_term(word)
    }


def _term(word: str) -> SearchTerm:
    return SearchTerm(term=word, length=len(word), reversed_term=word[::-1])
