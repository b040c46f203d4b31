"""What the service asks of a database, and the plan it hands over.

A backend turns a ``MatchPlan`` into SQL for its own full-text index and returns each kind's
page of ``Hit`` rows, ranked the same way on every database:

0. the title (or original title) is the query, exactly;
1. the title starts with the query;
2. every word is in the title or original title;
3. every word is somewhere in the record;

then more reviews, newer reviews, more credits, newer film, and the id, so pages never overlap.

Matches are counted up to ``COUNT_LIMIT`` per kind, and pages reach that far. In one query,
each kind's title matches (ranks 0 to 2) and other matches (rank 3) are read separately, each
either by collecting and sorting them (when there are up to COUNT_LIMIT) or, for a common word,
by reading the ranking index in order until the page is full, so no query touches every match
of "the". That is exact, except that with more than COUNT_LIMIT title matches the ones ranked
are the most popular of them.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.backends.base.base import BaseDatabaseWrapper

from search.models import DocumentKind
from search.text import MAX_TERM_LENGTH, anchors

COUNT_LIMIT = 1000

# A document's id holds its kind above the record's id, so a kind's documents are one range
# of ids: SQLite counts them per kind from the full-text index alone.
KIND_SHIFT = 40
KIND_CODES = {
    DocumentKind.FILM: 1,
    DocumentKind.PERSON: 2,
    DocumentKind.REVIEW: 3,
    DocumentKind.LIST: 4,
}


def document_id(kind: str, object_id: int) -> int:
    if not 0 < object_id < 1 << KIND_SHIFT:
        raise ValueError(f"Search cannot index a {kind} with id {object_id}.")
    return KIND_CODES[kind] << KIND_SHIFT | object_id


def kind_ids(kind: str) -> tuple[int, int]:
    """The first and last possible document ids of a kind."""
    code = KIND_CODES[kind]
    return code << KIND_SHIFT, (code + 1 << KIND_SHIFT) - 1


@dataclass(frozen=True)
class Term:
    """One query word and what it matches: itself (as a prefix while being typed) or, on the
    typo-tolerant pass, one of its one-edit neighbours in the vocabulary."""

    word: str
    prefix: bool = False
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchPlan:
    terms: tuple[Term, ...]
    # Titles the query could be, normalised: compared whole (rank 0) and as a start (rank 1).
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Window:
    """Which ranked rows of one kind to return: ``limit`` rows after ``offset``. An offset past
    the end is pulled back to the last page, so a stale page link still shows results."""

    offset: int
    limit: int

    def clamped(self, total: int, per_page: int, count_limit: int) -> "Window":
        last_page_start = (min(total, count_limit) - 1) // per_page * per_page
        return Window(min(self.offset, max(last_page_start, 0)), self.limit)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    label: str
    year: int | None
    slug: str
    rank: int


@dataclass(frozen=True)
class Counts:
    """One kind's matches, and those with every term in their titles (ranks 0 to 2), each
    counted up to the count limit + 1."""

    matched: int
    titled: int


def in_order(rows: list[tuple[str, int, Hit]]) -> dict[str, list[Hit]]:
    """(kind, position, hit) rows as each kind's hits in position order."""
    by_kind: dict[str, list[Hit]] = {}
    for kind, _position, hit in sorted(rows, key=lambda row: (row[0], row[1])):
        by_kind.setdefault(kind, []).append(hit)
    return by_kind


def upper_bound(prefix: str) -> str:
    """The first string after every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class SearchBackend:
    vendor = ""
    count_limit = COUNT_LIMIT

    def __init__(self, connection: BaseDatabaseWrapper):
        self.connection = connection

    # How a vocabulary column is compared with a range of strings (byte order on PostgreSQL).
    term_comparison = "{column}"

    def vocabulary_near(
        self, words: list[str], prefix: str | None = None, now: datetime | None = None
    ) -> set[str]:
        """Vocabulary words that may be one edit away from one of ``words`` (a superset: the
        caller keeps the true neighbours), and so each of them if the index holds it; with
        ``prefix``, also one word that starts with it, if any does. One query, each part a
        range of the (length, term) or (length, reversed term) index (see text.anchors).

        The vocabulary holds the words of documents that were public when written. With
        ``now``, a review or list that went live since, without a save, is asked directly: each
        of ``words`` the vocabulary lacks but such a document holds is returned too, and so is
        ``prefix`` if the vocabulary has no word starting with it but such a document does."""
        selects, params = [], []
        for word in words:
            wide, narrow = anchors(word)
            # (column, what it starts with, and for the narrow anchor the word's LIKE pattern,
            # checked on the same index entries: words hold letters and digits only)
            starts = [("term", word[:wide], None), ("reversed_term", word[::-1][:wide], None)]
            if narrow:
                starts.append(("term", word[:narrow], f"{word[:narrow]}%{word[-narrow:]}"))
            for column, start, pattern in starts:
                compared = self.term_comparison.format(column=column)
                selects.append(
                    "SELECT term FROM search_term WHERE length IN (%s, %s, %s)"
                    f" AND {compared} >= %s AND {compared} < %s"
                    + (" AND term LIKE %s" if pattern else "")
                )
                params += [len(word) - 1, len(word), len(word) + 1, start, upper_bound(start)]
                params += [pattern] if pattern else []
        if prefix:
            starting_sql, starting_params = self._starting(prefix)
            selects.append(f"SELECT term FROM ({starting_sql} LIMIT 1) AS starting")
            params += starting_params
        if now is not None:
            for word in words:
                is_prefix = word == prefix
                listed_sql, listed_params = (
                    self._starting(word)
                    if is_prefix
                    else ("SELECT term FROM search_term WHERE term = %s", [word])
                )
                held_sql, held_params = self._in_public_timed(Term(word, is_prefix), now)
                # The vocabulary first: a word it holds needs no look in the full-text index.
                selects.append(
                    f"SELECT CAST(%s AS TEXT) WHERE NOT EXISTS ({listed_sql}) AND {held_sql}"
                )
                params += [word, *listed_params, *held_params]
        if not selects:
            return set()
        return {term for (term,) in self._rows(" UNION ".join(selects), params)}

    def _starting(self, prefix: str) -> tuple[str, list]:
        """Vocabulary words that start with ``prefix``: a range of the (length, term) index."""
        lengths = list(range(len(prefix), MAX_TERM_LENGTH + 1))
        compared = self.term_comparison.format(column="term")
        sql = (
            f"SELECT term FROM search_term WHERE length IN ({', '.join(['%s'] * len(lengths))})"
            f" AND {compared} >= %s AND {compared} < %s"
        )
        return sql, [*lengths, prefix, upper_bound(prefix)]

    def _in_public_timed(self, term: Term, now: datetime) -> tuple[str, list]:
        """SQL that holds when a review or list (models.TIMED_KINDS) public at ``now`` has
        ``term``."""
        raise NotImplementedError

    def delete_documents(self, ids: list[int]) -> list[tuple[str, str, str]]:
        """Delete these documents; their (title, alt_title, text), to find the words that may
        have left the index. One query."""
        placeholders = ", ".join(["%s"] * len(ids))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_document WHERE id IN ({placeholders})"
                " RETURNING title, alt_title, text",
                ids,
            )
            return cursor.fetchall()

    def prune_vocabulary(self, words: list[str], now: datetime) -> None:
        """Delete those of ``words`` that no document public at ``now`` holds. One query, which
        looks each of them up in the full-text index until a public document has it."""
        raise NotImplementedError

    def ranked(
        self, plan: MatchPlan, windows: dict[str, Window], per_page: int, now: datetime
    ) -> tuple[dict[str, Counts], dict[str, list[Hit]], dict[str, list[Hit]]]:
        """One query: each kind's counts; and for each kind in ``windows``, the first rows of
        its page's reach (clamped offset + limit) among its title matches, in rank order, and
        among its other matches, in ranking-index order.

        Each part is read one of two ways, chosen in the query by its count: up to the count
        limit, by collecting the matches and sorting them; beyond it, by reading the ranking
        index in order until enough match, which then takes few rows because so many do."""
        raise NotImplementedError

    def hits(
        self, plan: MatchPlan, windows: dict[str, Window], per_page: int, now: datetime
    ) -> tuple[dict[str, int], dict[str, list[Hit]]]:
        """Each kind's number of matches (up to count_limit + 1) and the hits of its window."""
        counts, titled, others = self.ranked(plan, windows, per_page, now)
        pages = {}
        for kind, window in windows.items():
            if kind not in counts or not window.limit:
                continue
            window = window.clamped(counts[kind].matched, per_page, self.count_limit)
            end = min(window.offset + window.limit, self.count_limit)
            # Title matches beyond the count limit come in popularity order: rank them here.
            ranked = sorted(titled.get(kind, []), key=lambda hit: hit.rank)
            pages[kind] = (ranked + others.get(kind, []))[window.offset : end]
        return {kind: count.matched for kind, count in counts.items()}, pages

    def rebuild_started(self) -> None:
        """Empty the index, ready for ``rebuild_search_index`` to write it afresh."""
        raise NotImplementedError

    def rebuild_finished(self) -> None:
        pass

    def rebuild_committed(self) -> None:
        """After the rebuild's transaction has committed."""

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _reach(self, window: Window, per_page: int, matched_sql: str) -> tuple[str, list]:
        """SQL for how many rows a window needs from each part: its offset, pulled back to
        the last page as ``Window.clamped`` does, plus its limit."""
        least = "MIN" if self.vendor == "sqlite" else "LEAST"
        sql = (
            f"{least}(%s, ({least}(COALESCE({matched_sql}, 1), {self.count_limit}) - 1)"
            f" / %s * %s) + %s"
        )
        return sql, [window.offset, per_page, per_page, window.limit]


# The order within a rank, which the ranking index (search_document_rank_idx) follows. NULLs
# come last: SQLite puts them there for DESC by itself, PostgreSQL is told (NULLS_LAST).
POPULARITY = (
    "review_count DESC, last_activity DESC{nulls_last}, credit_count DESC, "
    "year DESC{nulls_last}, object_id"
)
