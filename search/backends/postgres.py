"""PostgreSQL: tsvector columns (the 'simple' configuration over unaccent()ed text) for the
whole record and for its titles, each with a GIN index per kind of document; typo candidates
from the same B-tree range scans as SQLite.

One query per search: each kind's matches and title matches are counted up to the count
limit through its own GIN indexes, stopping there; then each part of a page is read either
from the GIN index and sorted (up to the limit) or, for a common word, by reading the ranking
index in order until the page is full. No part reads every match of a common word.

Why not pg_trgm for typos: ``similarity()`` misses one-edit neighbours in short words (kenau
and keanu share 2 of 10 trigrams, 0.2, under the default 0.3), a threshold low enough to catch
them all matches much of the vocabulary, and one LIKE per edit position on a trigram index
took 10 to 75 ms at 100,000 films against under 2 ms here, with the same answers as SQLite.
"""

from datetime import datetime

from django.db.backends.postgresql.base import ServerBindingCursor
from psycopg import pq

from search.backends.base import (
    POPULARITY,
    Counts,
    Hit,
    MatchPlan,
    SearchBackend,
    Term,
    Window,
    in_order,
)
from search.models import TIMED_KINDS, DocumentKind

ORDER = POPULARITY.format(nulls_last=" NULLS LAST")
ROW_COLUMNS = (
    "d.kind, d.object_id, d.label, d.year, d.slug, d.review_count, d.last_activity, d.credit_count"
)
TIMED = ", ".join(f"'{kind}'" for kind in TIMED_KINDS)
VISIBLE = f"(d.kind NOT IN ({TIMED}) OR d.last_activity <= %s)"


def tsquery(terms: tuple[Term, ...]) -> str:
    """A tsquery literal: every term, each as itself or any alternative. Words hold letters
    and digits only and each is quoted, so no tsquery syntax (&, |, !, :) can get in."""
    clauses = []
    for term in terms:
        options = [f"'{term.word}':*" if term.prefix else f"'{term.word}'"]
        options += [f"'{alternative}'" for alternative in term.alternatives]
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


def walked(column: str) -> str:
    """A match checked row by row as the ranking index is read in order: the function behind
    ``@@``, which no index can answer, so no plan swaps the walk for collecting every match
    and sorting them (a plan made without the words, as a prepared one is, would)."""
    return f"ts_match_vq({column}, %s::tsquery)"


def positioned(part: str, rows: str, order: str) -> str:
    """Rows (of ROW_COLUMNS and rank) as result rows: the part, the hit, and its position."""
    return (
        f"SELECT '{part}'::text, kind::text, object_id, label::text, year::integer, slug::text,"
        f" rank, ROW_NUMBER() OVER (ORDER BY {order}), NULL::bigint, NULL::bigint"
        f" FROM ({rows}) AS ranked"
    )


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    # Compared byte by byte, as the indexes made by migration 0003 are.
    term_comparison = '{column} COLLATE "C"'

    def ranked(
        self, plan: MatchPlan, windows: dict[str, Window], per_page: int, now: datetime
    ) -> tuple[dict[str, Counts], dict[str, list[Hit]], dict[str, list[Hit]]]:
        query = tsquery(plan.terms)
        phrases = list(plan.phrases)
        rank_sql = """
            CASE
                WHEN d.title = ANY(%s) OR d.alt_title = ANY(%s) THEN 0
                WHEN EXISTS (
                    SELECT 1 FROM unnest(%s::text[]) AS phrase
                    WHERE starts_with(d.title, phrase) OR starts_with(d.alt_title, phrase)
                ) THEN 1
                ELSE 2
            END
        """
        rank_params = [phrases, phrases, phrases]
        limit = self.count_limit
        # Each kind's matches, and its title matches, up to the limit + 1: read once from the
        # kind's own GIN indexes (partial indexes, migration 0004), stopping there, so a
        # common word costs a thousand rows, not every match. They are counted, and when
        # there are no more than the limit they are the very rows a page sorts, so no GIN
        # index is read twice (a word being typed, tor:*, reads a thousand index entries).
        # OFFSET 0 fences (here and below) keep the planner from reading the table, or the
        # ranking index, in order instead: its guess at how many rows match a word is often
        # far out, and a wrong guess there reads a whole kind.
        found, counted, params = [], [], []
        for kind in DocumentKind.values:
            for name, column in (("matched", "vector"), ("titled", "title_vector")):
                found.append(
                    f"""
                    {name}_{kind} AS MATERIALIZED (
                        SELECT * FROM (
                            SELECT {ROW_COLUMNS}, d.id, d.title, d.alt_title
                            FROM search_document d
                            WHERE d.kind = '{kind}' AND d.{column} @@ %s::tsquery
                              AND {VISIBLE} OFFSET 0
                        ) AS found LIMIT {limit + 1}
                    )
                    """
                )
                params += [query, now]
            counted.append(
                f"SELECT '{kind}'::text AS kind, (SELECT count(*) FROM matched_{kind}) AS matched,"
                f" (SELECT count(*) FROM titled_{kind}) AS titled"
            )
        parts = []
        for kind, window in windows.items():
            if not window.limit:
                continue

            def count(name: str, kind: str = kind) -> str:
                return f"(SELECT {name} FROM counts WHERE kind = '{kind}')"

            reach_sql, reach_params = self._reach(window, per_page, count("matched"))
            # Each guard is constant: a one-time filter, so a part not chosen reads nothing.
            # Up to the limit, a part's matches are those found above, sorted; beyond it, the
            # ranking index is read in order, each row checked as it comes, until the page is
            # full (a common word fills it within a few hundred rows). Other matches are not
            # read at all when title matches fill the page.
            few_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank FROM titled_{kind} d
                WHERE {count("titled")} <= {limit}
                ORDER BY rank, {ORDER} LIMIT {reach_sql}
            """
            many_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank FROM search_document d
                WHERE d.kind = '{kind}' AND {walked("d.title_vector")} AND {VISIBLE}
                  AND {count("titled")} > {limit}
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            few_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank FROM matched_{kind} d
                WHERE d.id NOT IN (SELECT id FROM titled_{kind})
                  AND {count("matched")} <= {limit}
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            many_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank FROM search_document d
                WHERE d.kind = '{kind}' AND {walked("d.vector")}
                  AND NOT d.title_vector @@ %s::tsquery AND {VISIBLE}
                  AND {count("matched")} > {limit} AND {count("titled")} < {reach_sql}
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            parts += [
                positioned("titled", few_titled, f"rank, {ORDER}"),
                positioned("titled", many_titled, ORDER),
                positioned("others", few_others, ORDER),
                positioned("others", many_others, ORDER),
            ]
            params += [*rank_params, *reach_params]
            params += [*rank_params, query, now, *reach_params]
            params += [*reach_params]
            params += [query, query, now, *reach_params, *reach_params]
        sql = f"""
            WITH {", ".join(found)},
            counts AS MATERIALIZED (
                SELECT kind, matched, titled FROM ({" UNION ALL ".join(counted)}) AS counted
                WHERE matched > 0
            )
            SELECT 'counts'::text, kind::text, NULL::bigint, NULL::text, NULL::integer,
                   NULL::text, NULL::integer, NULL::bigint, matched, titled
            FROM counts
            {"".join(" UNION ALL " + part for part in parts)}
        """
        found_counts: dict[str, Counts] = {}
        titled, others = [], []
        for part, kind, *hit, position, matched, titled_count in self._rows(sql, params):
            if part == "counts":
                found_counts[kind] = Counts(matched, titled_count)
            else:
                (titled if part == "titled" else others).append((kind, position, Hit(kind, *hit)))
        return found_counts, in_order(titled), in_order(others)

    def _in_public_timed(self, term: Term, now: datetime) -> tuple[str, list]:
        # One look per kind, each through its own GIN index; fenced (OFFSET 0) and compared
        # with now outside: else the planner may read every review through the scheduled
        # index, expecting an early match that never comes.
        found = (
            "EXISTS (SELECT 1 FROM (SELECT timed.last_activity FROM search_document timed"
            " WHERE timed.kind = '{kind}' AND timed.vector @@ %s::tsquery OFFSET 0) AS found"
            " WHERE found.last_activity <= %s)"
        )
        sql = " OR ".join(found.format(kind=kind) for kind in TIMED_KINDS)
        return f"({sql})", [tsquery((term,)), now] * len(TIMED_KINDS)

    def prune_vocabulary(self, words: list[str], now: datetime) -> None:
        # One look per kind, so each reads that kind's own GIN index (migrations 0004, 0005);
        # reviews and lists fenced as in _in_public_timed. Words hold letters and digits only,
        # so each quoted is a one-word tsquery.
        found = (
            "SELECT {columns} FROM search_document d WHERE d.kind = '{kind}'"
            " AND d.vector @@ quote_literal(t.term)::tsquery"
        )
        held = []
        for kind in DocumentKind.values:
            if kind in TIMED_KINDS:
                timed = found.format(columns="d.last_activity", kind=kind)
                held.append(
                    f"EXISTS (SELECT 1 FROM ({timed} OFFSET 0) AS found"
                    " WHERE found.last_activity <= %s)"
                )
            else:
                held.append(f"EXISTS ({found.format(columns='1', kind=kind)})")
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_term t WHERE t.term = ANY(%s) AND NOT ({' OR '.join(held)})",
                [words, *[now] * len(TIMED_KINDS)],
            )

    def _rows(self, sql: str, params: list) -> list[tuple]:
        # Planning a search took 2 to 6 ms, longer than running most of them: a dozen parts,
        # most of which never run. So searches are bound server-side and prepared the first
        # time each shape of statement runs on a connection (psycopg's prepare_threshold 0,
        # for this statement only), and PostgreSQL plans it once, without the words: every
        # part's plan is fixed by its shape (guards, OFFSET 0 fences, the ranking walk), not
        # by what is searched, so one plan serves them all. psycopg keeps the 100 most recent
        # on each connection. (Behind a pooler in transaction mode, such as PgBouncer's,
        # prepared statements need its prepared-statement support.)
        #
        # Three planner settings, set around the statement and reset even when it fails:
        # a generic plan, as above. No JIT: its estimated cost, added up over parts that
        # mostly never run, passes jit_above_cost, and compiling takes 100 to 300 ms where
        # running takes a few. No sequential scans: under a LIMIT, a misjudged word
        # ("thousands of people match 'night'", when none do) makes reading a whole kind
        # look cheap, and the GIN indexes are always the better way in. They go to the
        # connection directly: they are settings, not queries of the search.
        self.connection.ensure_connection()
        raw = self.connection.connection
        raw.execute(
            "SET plan_cache_mode = force_generic_plan; SET jit = off; SET enable_seqscan = off"
        )
        threshold, raw.prepare_threshold = raw.prepare_threshold, 0
        try:
            with self._server_bound_cursor(raw) as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            raw.prepare_threshold = threshold
            # After an error inside a transaction, its rollback undoes the settings.
            if raw.info.transaction_status != pq.TransactionStatus.INERROR:
                raw.execute("RESET plan_cache_mode; RESET jit; RESET enable_seqscan")

    def _server_bound_cursor(self, raw):
        """A cursor of Django's (so the query is logged and counted like any other) that
        binds its parameters server-side, as Django's own do with ``server_side_binding``."""
        factory = raw.cursor_factory
        raw.cursor_factory = ServerBindingCursor
        try:
            return self.connection.cursor()
        finally:
            raw.cursor_factory = factory

    def rebuild_started(self) -> None:
        # DELETE rather than TRUNCATE: searches carry on reading the old index until commit.
        with self.connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document")
            cursor.execute("DELETE FROM search_term")

    def rebuild_finished(self) -> None:
        # Fresh statistics, or the planner may prefer a scan to the GIN index.
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
            cursor.execute("ANALYZE search_term")

    def rebuild_committed(self) -> None:
        # The rebuild left a dead copy of every row, in the table and in the GIN indexes,
        # which searches wade through (twice as slow at 100,000 films) until vacuumed.
        with self.connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) search_document, search_term")
