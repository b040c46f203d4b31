"""PostgreSQL: tsvector columns (the 'simple' configuration over unaccent()ed text) for the
whole record and for its titles, each with a GIN index; typo candidates from the same B-tree
range scans as SQLite.

A query reads its matches once through the GIN index (a scan with a prefix term costs several
milliseconds, so once matters), noting for each whether it is a title match; counts and pages
come from that set, and kinds with many matches are paged by reading the ranking index in
order and checking each row against it.

Why not pg_trgm for typos: ``similarity()`` misses one-edit neighbours in short words (kenau
and keanu share 2 of 10 trigrams, 0.2, under the default 0.3), a threshold low enough to catch
them all matches much of the vocabulary, and one LIKE per edit position on a trigram index
took 10 to 75 ms at 100,000 films against under 2 ms here, with the same answers as SQLite.
"""

from datetime import datetime

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
from search.text import anchor_length

ORDER = POPULARITY.format(nulls_last=" NULLS LAST")
ROW_COLUMNS = (
    "d.kind, d.object_id, d.label, d.year, d.slug, d.review_count, d.last_activity, d.credit_count"
)
VISIBLE = "(d.kind <> 'review' OR d.last_activity <= %s)"


def tsquery(terms: tuple[Term, ...]) -> str:
    """A tsquery literal: every term, each as itself or any alternative. Words hold letters
    and digits only and each is quoted, so no tsquery syntax (&, |, !, :) can get in."""
    clauses = []
    for term in terms:
        options = [f"'{term.word}':*" if term.prefix else f"'{term.word}'"]
        options += [f"'{alternative}'" for alternative in term.alternatives]
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


def positioned(part: str, rows: str, order: str) -> str:
    """Rows (of ROW_COLUMNS and rank) as result rows: the part, the hit, and its position."""
    return (
        f"SELECT '{part}'::text, kind::text, object_id, label::text, year::integer, slug::text,"
        f" rank, ROW_NUMBER() OVER (ORDER BY {order}), NULL::bigint, NULL::bigint,"
        f" NULL::bigint FROM ({rows}) AS ranked"
    )


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def vocabulary_near(self, words: list[str]) -> set[str]:
        # Compared byte by byte (COLLATE "C"), as the indexes made by migration 0003 are.
        selects, params = [], []
        for word in words:
            lengths = [len(word) - 1, len(word), len(word) + 1]
            anchor = anchor_length(word)
            for column, start in (("term", word[:anchor]), ("reversed_term", word[::-1][:anchor])):
                selects.append(
                    f"SELECT term FROM search_term WHERE length IN (%s, %s, %s)"
                    f' AND {column} COLLATE "C" >= %s AND {column} COLLATE "C" < %s'
                )
                params += [*lengths, start, start[:-1] + chr(ord(start[-1]) + 1)]
        if not selects:
            return set()
        return {term for (term,) in self._rows(" UNION ".join(selects), params)}

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
        parts, params = [], []
        for kind, window in windows.items():
            if not window.limit:
                continue

            def count(name: str, kind: str = kind) -> str:
                return f"(SELECT {name} FROM counts WHERE kind = '{kind}')"

            reach_sql, reach_params = self._reach(window, per_page, count("matched"))
            # Each guard is constant: a one-time filter, so a part not chosen reads nothing.
            few_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank
                FROM matched m JOIN search_document d ON d.id = m.id
                WHERE m.kind = '{kind}' AND NOT m.other AND {count("titled")} <= {limit}
                ORDER BY rank, {ORDER} LIMIT {reach_sql}
            """
            # Many matches: the ranking index in order, each row checked as it comes, stops
            # as soon as the page is full (a common word fills it within a few hundred rows).
            many_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank FROM search_document d
                WHERE d.kind = '{kind}' AND {count("titled")} > {limit}
                  AND d.title_vector @@ %s::tsquery AND {VISIBLE}
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            few_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank
                FROM matched m JOIN search_document d ON d.id = m.id
                WHERE m.kind = '{kind}' AND m.other AND {count("others")} <= {limit}
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            many_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank FROM search_document d
                WHERE d.kind = '{kind}' AND {count("others")} > {limit}
                  AND d.vector @@ %s::tsquery AND NOT d.title_vector @@ %s::tsquery
                  AND {VISIBLE}
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
            params += [query, query, now, *reach_params]
        # Every match, read once through the GIN index. OFFSET 0 keeps the planner from
        # reading the table, or another index, in order instead. `other`: not a title match.
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT d.id, d.kind::text AS kind, NOT d.title_vector @@ %s::tsquery AS other
                FROM (
                    SELECT * FROM search_document d
                    WHERE d.vector @@ %s::tsquery AND {VISIBLE} OFFSET 0
                ) AS d
            ),
            counts AS MATERIALIZED (
                SELECT kind, LEAST(count(*), {limit + 1}) AS matched,
                       LEAST(count(*) FILTER (WHERE NOT other), {limit + 1}) AS titled,
                       LEAST(count(*) FILTER (WHERE other), {limit + 1}) AS others
                FROM matched GROUP BY kind
            )
            SELECT 'counts'::text, kind::text, NULL::bigint, NULL::text, NULL::integer,
                   NULL::text, NULL::integer, NULL::bigint, matched, titled, others
            FROM counts
            {"".join(" UNION ALL " + part for part in parts)}
        """
        found_counts: dict[str, Counts] = {}
        titled, others = [], []
        for part, kind, *hit, position, matched, titled_count, others_count in self._rows(
            sql, [query, query, now, *params]
        ):
            if part == "counts":
                found_counts[kind] = Counts(matched, titled_count, others_count)
            else:
                (titled if part == "titled" else others).append((kind, position, Hit(kind, *hit)))
        return found_counts, in_order(titled), in_order(others)

    def _rows(self, sql: str, params: list) -> list[tuple]:
        # JIT compilation: this statement's estimated cost, added up over parts that mostly
        # never run, passes jit_above_cost, and compiling takes 100 to 300 ms where running
        # takes a few. SET LOCAL in the same query string (one round trip; Django binds
        # parameters client-side) lasts for the implicit transaction PostgreSQL wraps a
        # multi-statement query in, or to the end of the caller's transaction.
        if self.connection.settings_dict["OPTIONS"].get("server_side_binding"):
            return super()._rows(sql, params)  # one statement per query: JIT stays as set
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off; " + sql, params)
            cursor.nextset()
            return cursor.fetchall()

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
