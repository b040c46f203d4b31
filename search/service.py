"""Site search: the one service over films, people, published reviews and curated lists.

The search page, the suggestions endpoint, the API and the admin all call it, so they agree::

    results = search("kenau reeves")             # every group, first page of each
    results = search("wick", group="films", page=2, limit=20)
    results.films          # a ResultGroup: a sequence of Film, plus .total, .page, .num_pages
    results.lists          # FilmList, as /lists/ shows them (film_count, entries_shown)
    results.total          # matches in all groups
    suggest("balle")       # up to 8 Suggestion(kind, label, year, url, picture): films, people

What matches: every word of the query somewhere in the record, case and accents ignored, the
last word also as the start of a word (balle → Ballerina), a trailing year as that year. When
that finds nothing, words of four or more letters may also be one edit away from a word in the
index (balerina → Ballerina, kenau → Keanu): ``results.fuzzy`` says so. Ranking is described
in ``search.backends.base``.

Queries: one for the vocabulary near the query's words (when one is long enough to have a
typo), one for the ranked matches and counts of every group, one more when nothing matched as
typed but close spellings may, and one per group shown to load its rows (two for lists: their
films' posters); suggestions need the first three and one more for their pictures.
"""

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Generic, TypeVar

from django.db.models import CharField, Model, Value
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe

from core.images import Picture
from core.links import slug_url
from films.models import Film
from lists.models import FilmList
from people.models import Person
from reviews.models import Review
from search.backends import get_backend
from search.backends.base import Hit, MatchPlan, Term, Window
from search.models import DocumentKind
from search.text import (
    ParsedQuery,
    closest,
    highlight,
    markdown_to_text,
    parse_query,
    typo_eligible,
)

# Group name (an attribute of SearchResults, the API's `type`) → kind of document.
GROUPS = {
    "films": DocumentKind.FILM,
    "people": DocumentKind.PERSON,
    "reviews": DocumentKind.REVIEW,
    "lists": DocumentKind.LIST,
}
MODELS: dict[str, type[Model]] = {"films": Film, "people": Person}
DETAIL_URLS = {DocumentKind.FILM: "films:detail", DocumentKind.PERSON: "people:detail"}
MAX_PER_PAGE = 100
# What a result shows, on the search page and in the API's search: no more is loaded. The
# picture's fields are what Film.poster_picture and Person.photo_picture read.
POSTER_FIELDS = ("poster", "poster_width", "poster_height", "slug")
PHOTO_FIELDS = ("photo", "photo_width", "photo_height")
RESULT_FIELDS = {
    "films": ("title", "original_title", "year", "logline", *POSTER_FIELDS),
    "people": ("name", "slug", *PHOTO_FIELDS),
}
DEFERRED_FILM_FIELDS = [  # a review's film shows as a link and a poster
    f"film__{field.name}"
    for field in Film._meta.concrete_fields
    if not field.primary_key and field.name not in {"title", "year", *POSTER_FIELDS}
]
SUGGESTIONS = 8
# One-edit alternatives kept per word, and title spellings compared for the top ranks.
MAX_ALTERNATIVES = 12
MAX_PHRASES = 8

T = TypeVar("T")


@dataclass
class ResultGroup(Sequence[T], Generic[T]):
    """One page of one group's results, in rank order, and where it sits among them all."""

    name: str
    items: list[T] = field(default_factory=list)
    # Matches, counted up to search.backends.base.COUNT_LIMIT; total_capped when there are
    # more ("1,000+"). Pages reach as far as the count.
    total: int = 0
    total_capped: bool = False
    page: int = 1
    per_page: int = 20

    def __getitem__(self, index):
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_more(self) -> bool:
        """More matches than this page shows: worth a link to the whole group."""
        return self.total > len(self.items)


@dataclass
class SearchResults:
    query: str
    films: ResultGroup[Film] = field(default_factory=lambda: ResultGroup("films"))
    people: ResultGroup[Person] = field(default_factory=lambda: ResultGroup("people"))
    reviews: ResultGroup[Review] = field(default_factory=lambda: ResultGroup("reviews"))
    lists: ResultGroup[FilmList] = field(default_factory=lambda: ResultGroup("lists"))
    # True when nothing matched as typed and these are matches of close spellings.
    fuzzy: bool = False

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def total_capped(self) -> bool:
        return any(group.total_capped for group in self.groups)

    @property
    def groups(self) -> list[ResultGroup]:
        return [self.films, self.people, self.reviews, self.lists]


@dataclass(frozen=True)
class Suggestion:
    kind: str
    label: str
    year: int | None
    url: str
    # A film's poster (the made one if none was uploaded); a person's headshot, if any.
    picture: Picture | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "year": self.year,
            "url": self.url,
            "image": thumbnail(self.picture),
        }


def thumbnail(picture: Picture | None) -> dict | None:
    """The smallest rendition of ``picture`` as {url, width, height}, for a list of small
    images; the picture itself when it has no renditions. JPEG (the fallback format), so that
    a plain <img> works in every browser."""
    if picture is None:
        return None
    fallback_type = picture.srcsets[-1][0] if picture.srcsets else None
    fallbacks = [r for r in picture.renditions if r["type"] == fallback_type]
    if not fallbacks or not picture.width:
        return {
            "url": picture.url,
            "width": picture.width or None,
            "height": picture.height or None,
        }
    smallest = min(fallbacks, key=lambda rendition: rendition["width"])
    height = round(picture.height * smallest["width"] / picture.width)
    return {"url": smallest["url"], "width": smallest["width"], "height": height}


def search(
    raw_query: str, *, group: str | None = None, page: int = 1, limit: int = 20
) -> SearchResults:
    """Films, people, published reviews and lists matching ``raw_query``, ``limit`` per group.

    With ``group`` ("films", "people", "reviews" or "lists") only that group's ``page`` is
    loaded; the others still report their ``total``. A page past the end shows the last one.
    Any string is a valid query: one with no letters or digits finds nothing.
    """
    if group is not None and group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, not {group!r}")
    limit = min(max(limit, 1), MAX_PER_PAGE)
    page = max(page, 1)
    parsed = parse_query(raw_query)
    results = SearchResults(query=parsed.text)
    if not parsed:
        return results
    windows = {
        kind: Window(offset=(page - 1) * limit, limit=limit if group in (None, name) else 0)
        for name, kind in GROUPS.items()
    }
    totals, pages, plan, results.fuzzy = _find(parsed, windows, limit)
    count_limit = get_backend().count_limit
    for name, kind in GROUPS.items():
        counted = totals.get(kind, 0)
        result_group = ResultGroup(
            name,
            total=min(counted, count_limit),
            total_capped=counted > count_limit,
            per_page=limit,
        )
        result_group.page = min(page, result_group.num_pages)
        result_group.items = _load(name, [hit.object_id for hit in pages.get(kind, [])])
        setattr(results, name, result_group)
    if results.reviews:
        _add_snippets(results.reviews, plan)
    return results


def suggest(raw_query: str, *, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Films (with their year) and people for the header box's suggestions, best first,
    built from the index, and their pictures (one more query)."""
    parsed = parse_query(raw_query)
    if len("".join(parsed.words)) < 2:
        return []
    windows = {DocumentKind.FILM: Window(0, limit), DocumentKind.PERSON: Window(0, limit)}
    _totals, pages, _plan, _fuzzy = _find(parsed, windows, limit)
    kind_order = list(windows)
    ranked = sorted(
        (
            (hit.rank, position, kind_order.index(kind), hit)
            for kind, hits in pages.items()
            for position, hit in enumerate(hits)
        ),
        key=lambda entry: entry[:3],
    )
    hits = [hit for *_order, hit in ranked[:limit]]
    pictures = _pictures(hits)
    return [
        Suggestion(
            kind=hit.kind,
            label=hit.label,
            year=hit.year,
            url=slug_url(DETAIL_URLS[hit.kind], hit.slug),
            picture=pictures.get((hit.kind, hit.object_id)),
        )
        for hit in hits
    ]


def _pictures(hits: list[Hit]) -> dict[tuple[str, int], Picture | None]:
    """The poster of each film and the headshot of each person among ``hits``, by (kind, id).
    One query: the films' picture fields and the people's, as a union."""
    film_ids = [hit.object_id for hit in hits if hit.kind == DocumentKind.FILM]
    person_ids = [hit.object_id for hit in hits if hit.kind == DocumentKind.PERSON]
    parts = []  # each row: kind, id, file name, width, height, slug
    if film_ids:
        films = Film.objects.filter(pk__in=film_ids)
        films = films.annotate(kind=Value(DocumentKind.FILM, output_field=CharField()))
        parts.append(films.values_list("kind", "pk", *POSTER_FIELDS).order_by())
    if person_ids:
        people = Person.objects.filter(pk__in=person_ids)
        people = people.annotate(kind=Value(DocumentKind.PERSON, output_field=CharField()))
        parts.append(people.values_list("kind", "pk", *PHOTO_FIELDS, "slug").order_by())
    if not parts:
        return {}
    rows = parts[0].union(parts[1], all=True) if len(parts) == 2 else parts[0]
    pictures: dict[tuple[str, int], Picture | None] = {}
    for kind, pk, name, width, height, slug in rows:
        if kind == DocumentKind.FILM:
            film = Film(pk=pk, slug=slug, poster=name, poster_width=width, poster_height=height)
            pictures[kind, pk] = film.poster_picture
        else:
            person = Person(pk=pk, slug=slug, photo=name, photo_width=width, photo_height=height)
            pictures[kind, pk] = person.photo_picture
    return pictures


def matching_ids(group: str, raw_query: str, *, limit: int) -> list[int]:
    """Ids of the best ``limit`` matches in one group, best first (for the admin)."""
    parsed = parse_query(raw_query)
    if not parsed:
        return []
    kind = GROUPS[group]
    _totals, pages, _plan, _fuzzy = _find(parsed, {kind: Window(0, limit)}, limit)
    return [hit.object_id for hit in pages.get(kind, [])]


def _find(
    parsed: ParsedQuery, windows: dict[str, Window], per_page: int
) -> tuple[dict[str, int], dict[str, list[Hit]], MatchPlan, bool]:
    """Totals by kind and the hits in the windows, for the query as typed; if that finds
    nothing, again with one-edit alternatives for the words long enough to have typos. The
    last value says whether the alternatives found anything.

    The vocabulary near those words comes first. It holds the words of public documents only,
    so nothing unpublished changes an answer; a review that went live since it was written is
    asked directly (``now``). So a word missing from it (or, for the word being typed, no word
    starting with it) cannot match as typed, and the search goes straight to the alternatives:
    a typo costs one pass, not two.
    """
    backend = get_backend()
    now = timezone.now()
    eligible = sorted({word for word in parsed.words if typo_eligible(word)})
    prefix = parsed.prefix if parsed.prefix in eligible else None
    vocabulary = backend.vocabulary_near(eligible, prefix=prefix, now=now) if eligible else set()
    unknown = [
        word
        for word in eligible
        if word not in vocabulary
        and not (word == prefix and any(term.startswith(word) for term in vocabulary))
    ]
    alternatives = {word: closest(word, vocabulary, MAX_ALTERNATIVES) for word in eligible}
    if not (unknown and any(alternatives.values())):
        plan = _plan(parsed, {})
        totals, pages = backend.hits(plan, windows, per_page, now)
        if any(totals.get(kind) for kind in windows) or not any(alternatives.values()):
            return totals, pages, plan, False
    plan = _plan(parsed, alternatives)
    totals, pages = backend.hits(plan, windows, per_page, now)
    return totals, pages, plan, any(totals.get(kind) for kind in windows)


def _plan(parsed: ParsedQuery, alternatives: dict[str, list[str]]) -> MatchPlan:
    last = len(parsed.words) - 1
    terms = tuple(
        Term(
            word=word,
            prefix=index == last and parsed.prefix is not None,
            alternatives=tuple(alternatives.get(word, ())),
        )
        for index, word in enumerate(parsed.words)
    )
    spellings = [[word, *alternatives.get(word, ())] for word in parsed.title_words]
    phrases = tuple(
        " ".join(words) for words in itertools.islice(itertools.product(*spellings), MAX_PHRASES)
    )
    return MatchPlan(terms=terms, phrases=phrases)


def _load(group: str, ids: list[int]) -> list:
    """The rows for ``ids`` in that order, in one query by primary key (lists: two, with
    their first films). Reviews and lists must also be public now (``is_public``, the rule of
    ``published()``), so nothing unpublished can show even if the index were stale. (Not
    ``published().in_bulk()``: without statistics, SQLite reads that through the status index,
    every published review, to find twenty.)
    Without the models' default ordering: the ids give the order, and sorting by it too would
    only cost the compiling and running of an ORDER BY."""
    if not ids:
        return []
    if group == "reviews":
        reviews = Review.objects.select_related("film").defer(*DEFERRED_FILM_FIELDS)
        rows = reviews.order_by().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows and rows[pk].is_public]
    if group == "lists":
        rows = FilmList.objects.for_cards().order_by().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows and rows[pk].is_public]
    rows = MODELS[group]._default_manager.only(*RESULT_FIELDS[group]).order_by().in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


def _add_snippets(reviews: ResultGroup[Review], plan: MatchPlan) -> None:
    """Give each review a ``search_snippet``, made when first used: the search page shows
    them, the API does not, and twenty cost a few milliseconds."""
    exact = {alternative for term in plan.terms for alternative in term.alternatives}
    exact |= {term.word for term in plan.terms if not term.prefix}
    prefixes = tuple(term.word for term in plan.terms if term.prefix)
    for review in reviews:
        review.search_snippet = SimpleLazyObject(partial(_snippet, review.body, exact, prefixes))


def _snippet(body: str, exact: set[str], prefixes: tuple[str, ...]) -> SafeString:
    # highlight() escapes the review's text; only its <mark> tags are markup.
    return mark_safe(highlight(markdown_to_text(body), exact, prefixes))
