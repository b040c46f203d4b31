"""What a review mentions: films as ``Title (Year)`` and people by their full names.

Mentions are found in the sanitised HTML of a rendered body, one text node at a time and never
inside ``<a>``, ``<code>`` or ``<pre>``. Linking rewrites only that HTML, so the stored Markdown
never changes. The functions down to ``link_mentions`` are pure; those after it run queries.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from core.markdown import render_markdown
from films.models import FIRST_FILM_YEAR, LAST_FILM_YEAR, Credit, Film
from people.models import Person
from reviews.importer.house_style import SMALL_WORDS, normalise

SKIPPED_TAGS = {"a", "code", "pre"}
MAX_TITLE_WORDS = 10
MAX_NAME_WORDS = 6
# Lower-case words inside names: Ana de Armas, Ludwig van Beethoven, Oscar de la Hoya.
NAME_PARTICLES = {
    "al", "bin", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "ten", "ter", "van", "von", "y", "zu",
}  # fmt: skip
ABBREVIATIONS = {"dr.", "jr.", "mr.", "mrs.", "ms.", "sr.", "st.", "vs."}

YEAR_IN_BRACKETS = re.compile(r"\((?P<year>\d{4})\)(?!\w)")
WORD = re.compile(r"\S+")
NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")
POSSESSIVE = re.compile(r"['’]s?$")  # Reddick’s, De Armas’
TITLE_CONNECTORS = {"&", "-", "–", "—", ":"}


@dataclass(frozen=True)
class FilmMention:
    """``Title (2007)`` in a text: the titles that could end before the bracket, longest first,
    each with where it starts; the mention ends after the bracket."""

    year: int
    end: int
    titles: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class NameCandidate:
    start: int
    end: int
    name: str


def film_mentions(text: str) -> list[FilmMention]:
    mentions = []
    for match in YEAR_IN_BRACKETS.finditer(text):
        year = int(match["year"])
        start = match.start()
        if not FIRST_FILM_YEAR <= year <= LAST_FILM_YEAR or not text[start - 1 : start].isspace():
            continue
        window_start = max(0, start - 300)
        words = list(WORD.finditer(text, window_start, start))
        run = []  # the title's words, last first
        for word in reversed(words[-MAX_TITLE_WORDS:]):
            token = word.group()
            if run and token[-1] in ".;!?" and token.lower() not in ABBREVIATIONS:
                break  # the end of the sentence before the title
            if not _title_word(token):
                break
            run.append(word)
        end_of_title = run[0].end() if run else start
        titles = tuple(
            (word.start(), text[word.start() : end_of_title])
            for word in reversed(run)
            if word.group()[0].isupper() or word.group()[0].isdigit()
        )
        if titles:
            mentions.append(FilmMention(year=year, end=match.end(), titles=titles))
    return mentions


def _title_word(token: str) -> bool:
    """Capitalised (Fuzz, 4), a small word (to, of) or a connector (&, :)."""
    return (
        token[0].isupper()
        or token[0].isdigit()
        or token.strip(",:").lower() in SMALL_WORDS
        or token in TITLE_CONNECTORS
    )


def name_candidates(text: str) -> list[list[NameCandidate]]:
    """For each word that could start a full name, the names it could start, longest first:
    two to six words, capitalised at both ends, with particles (de, van) between."""
    runs: list[list[re.Match]] = []
    previous_end = None
    for word in NAME_WORD.finditer(text):
        token = word.group()
        capitalised = token[0].isupper()
        if not capitalised and token.lower() not in NAME_PARTICLES:
            previous_end = None
            continue
        joined = previous_end is not None and text[previous_end : word.start()].isspace()
        if joined:
            runs[-1].append(word)
        else:
            runs.append([word])
        previous_end = word.end()
        if token.endswith(".") and len(token) > 2 and token.lower() not in ABBREVIATIONS:
            previous_end = None  # a full stop, not an initial: the sentence ends here

    starts = []
    for run in runs:
        for first in range(len(run)):
            if not run[first].group()[0].isupper():
                continue
            options = []
            for last in range(min(len(run), first + MAX_NAME_WORDS) - 1, first, -1):
                if run[last].group()[0].isupper():
                    options.extend(_name_variants(text, run[first].start(), run[last].end()))
            if options:
                starts.append(options)
    return starts


def _name_variants(text: str, start: int, end: int) -> list[NameCandidate]:
    """The name without the full stop that ends its sentence, then as written; and without a
    possessive: "Reddick’s". (As written first, a name at the end of a sentence was linked
    with the full stop inside the link: its slug is the same.)"""
    name = text[start:end]
    variants = [NameCandidate(start, end, name)]
    if name.endswith(".") and not name.lower().endswith(tuple(ABBREVIATIONS)):
        variants.insert(0, NameCandidate(start, end - 1, name[:-1]))
    if possessive := POSSESSIVE.search(name):
        cut = possessive.start()
        variants.append(NameCandidate(start, start + cut, name[:cut]))
    return variants


def text_nodes(html: str) -> list[str]:
    """The text a mention may be found in: every text node outside links and code."""
    found: list[str] = []

    def collect(text: str) -> str:
        found.append(text)
        return escape(text, quote=False)

    _TextRewriter(collect).rewrite(html)
    return found


def link_mentions(
    html: str,
    *,
    film: Callable[[str, int], object | None],
    person: Callable[[str], object | None],
) -> tuple[str, list]:
    """Link the first mention of each film and person; ``film(title, year)`` and
    ``person(name)`` return the object to link (it has ``get_absolute_url``) or None.
    Returns the new HTML and the objects linked, in order."""
    linked: list = []
    seen: set = set()

    def rewrite(text: str) -> str:
        spans = _spans(text, film, person)
        parts, position = [], 0
        for start, end, target in spans:
            key = (type(target), getattr(target, "pk", id(target)))
            if key in seen:
                continue
            seen.add(key)
            linked.append(target)
            parts.append(escape(text[position:start], quote=False))
            url = escape(target.get_absolute_url())
            parts.append(f'<a class="mention" href="{url}">{escape(text[start:end])}</a>')
            position = end
        parts.append(escape(text[position:], quote=False))
        return "".join(parts)

    return _TextRewriter(rewrite).rewrite(html), linked


def _spans(text: str, film, person) -> list[tuple[int, int, object]]:
    """Non-overlapping (start, end, target) in order; a film's title wins over a name in it."""
    spans = []
    for mention in film_mentions(text):
        for start, title in mention.titles:
            if target := film(title, mention.year):
                spans.append((start, mention.end, target))
                break
    taken_until = 0
    for options in name_candidates(text):
        if options[0].start < taken_until:
            continue
        for candidate in options:
            overlaps = any(s < candidate.end and candidate.start < e for s, e, _ in spans)
            if not overlaps and (target := person(candidate.name)):
                spans.append((candidate.start, candidate.end, target))
                taken_until = candidate.end
                break
    return sorted(spans, key=lambda span: span[0])


class _TextRewriter(HTMLParser):
    """Copies HTML, passing each text node outside ``SKIPPED_TAGS`` through ``rewrite``
    (which returns HTML). Other text is escaped again as it was."""

    def __init__(self, rewrite: Callable[[str], str]):
        super().__init__(convert_charrefs=True)
        self._rewrite = rewrite
        self._out: list[str] = []
        self._skipping = 0

    def rewrite(self, html: str) -> str:
        self.feed(html)
        self.close()
        return "".join(self._out)

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        self._out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self._out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self._skipping:
            self._skipping -= 1
        self._out.append(f"</{tag}>")

    def handle_data(self, data):
        self._out.append(escape(data, quote=False) if self._skipping else self._rewrite(data))

    def handle_comment(self, data):
        self._out.append(f"<!--{data}-->")


# Queries from here on.


class FilmIndex:
    """Films by normalised title (or original title) and year; a key two films share is
    ambiguous and matches nothing."""

    def __init__(self, films: Iterable[Film]):
        self._films: dict[tuple[str, int], set[Film]] = {}
        for film in films:
            for title in filter(None, {film.title, film.original_title}):
                self._films.setdefault((normalise(title), film.year), set()).add(film)

    def __call__(self, title: str, year: int) -> Film | None:
        films = self._films.get((normalise(title), year), set())
        return next(iter(films)) if len(films) == 1 else None

    def __contains__(self, key: tuple[str, int]) -> bool:
        return (normalise(key[0]), key[1]) in self._films


class PeopleIndex:
    """People by normalised name and by slug; among several people of one name, the one
    credited on the reviewed film if exactly one is, else nobody."""

    def __init__(self, people: Iterable[Person], *, preferred: Iterable[int] = ()):
        self._people = list(people)
        self._preferred = set(preferred)

    def matches(self, name: str) -> list[Person]:
        key, stem = normalise(name), slugify(name)
        return [p for p in self._people if normalise(p.name) == key or (stem and p.slug == stem)]

    def __call__(self, name: str) -> Person | None:
        matches = self.matches(name)
        if len(matches) > 1:
            matches = [person for person in matches if person.pk in self._preferred]
        return matches[0] if len(matches) == 1 else None


def films_titled(pairs: Iterable[tuple[str, int]]) -> list[Film]:
    """Films whose title or original title is one of the (title, year) pairs, compared
    without case. One query, served by the indexes of lower-cased titles and years."""
    pairs = set(pairs)
    if not pairs:
        return []
    lowered = {variant for title, _ in pairs for variant in _lower_variants(title)}
    years = {year for _, year in pairs}
    films = (
        Film.objects.annotate(title_lower=Lower("title"), original_lower=Lower("original_title"))
        # The year in each branch of the OR: so SQLite reads each branch from its index.
        .filter(
            Q(title_lower__in=lowered, year__in=years)
            | Q(original_lower__in=lowered, year__in=years)
        )
        .only("title", "original_title", "year", "slug")
        .order_by()
    )
    wanted = {(normalise(title), year) for title, year in pairs}
    return [
        film
        for film in films
        if (normalise(film.title), film.year) in wanted
        or (normalise(film.original_title), film.year) in wanted
    ]


def people_named(names: Iterable[str], *, film_id: int | None = None) -> PeopleIndex:
    """Everyone who could be one of ``names``: the same slug (which ignores case and accents),
    or the very same name (a namesake's slug ends -2). One query, on the slug and name
    indexes; with ``film_id``, it also marks who is credited on that film, to settle people
    of the same name."""
    names = set(names)
    if not names:
        return PeopleIndex([])
    stems = {stem for name in names if (stem := slugify(name))}
    people = Person.objects.filter(Q(slug__in=stems) | Q(name__in=names)).only("name", "slug")
    if film_id is not None:
        credited = Credit.objects.filter(film_id=film_id, person=OuterRef("pk"))
        people = people.annotate(credited=Exists(credited))
    people = list(people)
    preferred = [person.pk for person in people if getattr(person, "credited", False)]
    return PeopleIndex(people, preferred=preferred)


def _lower_variants(text: str) -> set[str]:
    # SQLite's LOWER() folds ASCII letters only; PostgreSQL's folds them all.
    return {text.lower(), "".join(char.lower() if char.isascii() else char for char in text)}


def render_body(review) -> SafeString:
    """The review's body as HTML with its first mention of each film and person linked.

    Two queries at most, and none when the body has nothing that looks like a mention: the
    films for its ``Title (Year)`` pairs, and the people recorded as mentioned.
    """
    html = render_markdown(review.body)
    films, names = _candidates(html)
    film_index = FilmIndex(films_titled(films))
    people = review.mentioned_people.all() if names and review.pk else []
    linked_html, _ = link_mentions(html, film=film_index, person=PeopleIndex(people))
    return mark_safe(linked_html)  # noqa: S308 - sanitised HTML, re-escaped text, our own links


def find_mentions(review) -> tuple[list[Film], list[Person]]:
    """The films and people the body links to when rendered, in order. Two queries."""
    html = render_markdown(review.body)
    films, names = _candidates(html)
    film_index = FilmIndex(films_titled(films))
    people_index = people_named(names, film_id=review.film_id)
    _, linked = link_mentions(html, film=film_index, person=people_index)
    return (
        [target for target in linked if isinstance(target, Film)],
        [target for target in linked if isinstance(target, Person)],
    )


def record_mentions(review) -> None:
    films, people = find_mentions(review)
    review.mentioned_films.set(films)
    review.mentioned_people.set(people)


@transaction.atomic
def refresh_mentions(*, reviews: QuerySet) -> int:
    """Record again what ``reviews`` mention: for films and people added since they were
    saved. About six queries a review."""
    count = 0
    # Without the caller's joins, which cannot be combined with only().
    for review in reviews.model.objects.filter(pk__in=reviews.values("pk")).only("body", "film"):
        record_mentions(review)
        count += 1
    return count


def unmatched_film_mentions(body: str) -> list[tuple[str, int]]:
    """``Title (Year)`` mentions no film in the database matches, as (title, year) to prefill a
    new film with. One query."""
    html = render_markdown(body)
    mentions = [mention for text in text_nodes(html) for mention in film_mentions(text)]
    index = FilmIndex(films_titled(_pairs(mentions)))
    unmatched = []
    for mention in mentions:
        if any((title, mention.year) in index for _, title in mention.titles):
            continue
        # The longest title that does not run back over a comma: "In 2019, Parasite" → Parasite.
        titles = [title for _, title in mention.titles if "," not in title]
        suggestion = (titles or [mention.titles[-1][1]])[0], mention.year
        if suggestion not in unmatched:
            unmatched.append(suggestion)
    return unmatched


def _candidates(html: str) -> tuple[set[tuple[str, int]], set[str]]:
    films, names = set(), set()
    for text in text_nodes(html):
        films |= _pairs(film_mentions(text))
        names |= {candidate.name for options in name_candidates(text) for candidate in options}
    return films, names


def _pairs(mentions: Iterable[FilmMention]) -> set[tuple[str, int]]:
    return {(title, mention.year) for mention in mentions for _, title in mention.titles}
