"""SQLite: an FTS5 table over the documents (``unicode61 remove_diacritics 2``, prefix indexes
for the word being typed), and typo candidates from B-tree range scans over the vocabulary.

Reading ids from the FTS5 index is cheap (well under a microsecond a match); looking each
match up in search_document is not (about one), and nor is keeping a match in a temporary
table. So a query reads each kind's matches from the index by the range of ids the kind holds,
keeps no more than it counts (the count limit + 1), and looks up only the rows it ranks. Only
a part that reads the ranking index in order needs every match of a kind, and only when it
is chosen does it read them.
"""

import json
from datetime import datetime

from search.backends.base import (
    KIND_CODES,
    POPULARITY,
    Counts,
    Hit,
    MatchPlan,
    SearchBackend,
    Term,
    Window,
    in_order,
    kind_ids,
)
from search.models import TIMED_KINDS

TITLE_COLUMNS = "{title alt_title}"
# Reviews and lists published for a time still to come, which searches leave out until then.
SCHEDULED = (
    "SELECT id FROM search_document"
    f" WHERE kind IN ({', '.join(repr(str(kind)) for kind in TIMED_KINDS)}) AND last_activity > %s"
)
ORDER = POPULARITY.format(nulls_last="")
ROW_COLUMNS = (
    "d.kind, d.object_id, d.label, d.year, d.slug, d.review_count, d.last_activity, d.credit_count"
)


def match_expression(terms: tuple[Term, ...], columns: str = "") -> str:
    """An FTS5 query: every term, each as itself or any of its alternatives. Words hold
    letters and digits only and each is quoted, so no FTS5 syntax (NEAR, -, :, *) can get in."""
    clauses = []
    for term in terms:
        options = [f'"{term.word}"*' if term.prefix else f'"{term.word}"']
        options += [f'"{alternative}"' for alternative in term.alternatives]
        clauses.append("(" + " OR ".join(options) + ")")
    expression = " AND ".join(clauses)
    return f"{columns} : ({expression})" if columns else expression


def positioned(part: str, rows: str, order: str) -> str:
    """Rows (of ROW_COLUMNS and rank) as result rows: the part, the hit, and its position."""
    return (
        f"SELECT * FROM (SELECT '{part}', kind, object_id, label, year, slug, rank,"
        f" ROW_NUMBER() OVER (ORDER BY {order}), NULL, NULL FROM ({rows}))"
    )


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def ranked(
        self, plan: MatchPlan, windows: dict[str, Window], per_page: int, now: datetime
    ) -> tuple[dict[str, Counts], dict[str, list[Hit]], dict[str, list[Hit]]]:
        when = self.connection.ops.adapt_datetimefield_value(now)
        limit = self.count_limit
        everywhere = match_expression(plan.terms)
        in_titles = match_expression(plan.terms, TITLE_COLUMNS)
        rank_sql, rank_params = self._rank(plan)

        def found(expression: str, kind: str) -> tuple[str, list]:
            """A kind's matching ids, from the full-text index alone: its range of ids (see
            base.KIND_SHIFT), less the reviews and lists whose time has not come."""
            first, last = kind_ids(kind)
            sql = (
                "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH %s"
                f" AND rowid BETWEEN {first} AND {last}"
            )
            if kind not in TIMED_KINDS:
                return sql, [expression]
            return f"{sql} AND rowid NOT IN ({SCHEDULED})", [expression, when]

        # Each kind's matches and title matches, up to the limit + 1: the index is read no
        # further, so a common word costs a thousand ids, not every match. They are counted,
        # and when there are no more than the limit they are the very ids a page sorts.
        found_sql, counted, params = [], [], []
        for kind, code in KIND_CODES.items():
            for name, expression in (("matched", everywhere), ("titled", in_titles)):
                sql, found_params = found(expression, kind)
                found_sql.append(f"{name}_{kind} AS MATERIALIZED ({sql} LIMIT {limit + 1})")
                params += found_params
            counted.append(
                f"SELECT {code} AS code, (SELECT COUNT(*) FROM matched_{kind}) AS matched,"
                f" (SELECT COUNT(*) FROM titled_{kind}) AS titled"
            )
        parts = []
        for kind, window in windows.items():
            if not window.limit:
                continue
            code = KIND_CODES[kind]

            def count(name: str, code: int = code) -> str:
                return f"(SELECT {name} FROM counts WHERE code = {code})"

            reach_sql, reach_params = self._reach(window, per_page, count("matched"))
            # Beyond the limit, every match of the kind, for reading the ranking index in order.
            every_match_sql, every_match_params = found(everywhere, kind)
            every_title_sql, every_title_params = found(in_titles, kind)

            # Each part runs only if its guard holds: a table of one row or none, joined first
            # (CROSS JOIN keeps SQLite from reordering), so a part not chosen reads nothing.
            # Up to the limit, a part's matches are those found above, sorted; beyond it, the
            # ranking index is read in order until the page is full. Other matches are not
            # read at all when title matches fill the page.
            def guard(test: str) -> str:
                return f"(SELECT 1 WHERE {test}) AS chosen"

            few_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank
                FROM {guard(f"{count('titled')} <= {limit}")}
                CROSS JOIN titled_{kind} t JOIN search_document d ON d.id = t.id
                ORDER BY rank, {ORDER} LIMIT {reach_sql}
            """
            many_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank
                FROM {guard(f"{count('titled')} > {limit}")}
                CROSS JOIN search_document d INDEXED BY search_document_rank_idx
                WHERE d.kind = '{kind}' AND d.id IN ({every_title_sql})
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            few_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank
                FROM {guard(f"{count('matched')} <= {limit}")}
                CROSS JOIN matched_{kind} m JOIN search_document d ON d.id = m.id
                WHERE m.id NOT IN titled_{kind}
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            # Chosen only when the title matches are fewer than the page needs, so all of
            # them are among those found above.
            many_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank
                FROM {guard(f"{count('matched')} > {limit} AND {count('titled')} < {reach_sql}")}
                CROSS JOIN search_document d INDEXED BY search_document_rank_idx
                WHERE d.kind = '{kind}' AND d.id IN ({every_match_sql})
                  AND d.id NOT IN titled_{kind}
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            parts += [
                positioned("titled", few_titled, f"rank, {ORDER}"),
                positioned("titled", many_titled, ORDER),
                positioned("others", few_others, ORDER),
                positioned("others", many_others, ORDER),
            ]
            params += [*rank_params, *reach_params]
            params += [*rank_params, *every_title_params, *reach_params]
            params += [*reach_params]
            params += [*reach_params, *every_match_params, *reach_params]
        sql = f"""
            WITH {", ".join(found_sql)},
            counts AS MATERIALIZED (
                SELECT code, matched, titled FROM ({" UNION ALL ".join(counted)})
                WHERE matched > 0
            )
            SELECT 'counts', code, NULL, NULL, NULL, NULL, NULL, NULL, matched, titled
            FROM counts
            {"".join(" UNION ALL " + part for part in parts)}
        """
        kinds = {code: kind for kind, code in KIND_CODES.items()}
        counts: dict[str, Counts] = {}
        titled, others = [], []
        for part, kind, *hit, position, matched, titled_count in self._rows(sql, params):
            if part == "counts":
                counts[kinds[kind]] = Counts(matched, titled_count)
            else:
                (titled if part == "titled" else others).append((kind, position, Hit(kind, *hit)))
        return counts, in_order(titled), in_order(others)

    def _in_public_timed(self, term: Term, now: datetime) -> tuple[str, list]:
        ranges = " OR ".join(
            "rowid BETWEEN {} AND {}".format(*kind_ids(kind)) for kind in TIMED_KINDS
        )
        sql = (
            "EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s"
            f" AND ({ranges}) AND rowid NOT IN ({SCHEDULED}))"
        )
        return sql, [match_expression((term,)), self.connection.ops.adapt_datetimefield_value(now)]

    def prune_vocabulary(self, words: list[str], now: datetime) -> None:
        # The words as one JSON parameter, however many; each quoted is a one-word FTS5 query
        # (words hold letters and digits only).
        with self.connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_term WHERE term IN (SELECT value FROM json_each(%s))"
                " AND NOT EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH"
                f" '\"' || search_term.term || '\"' AND rowid NOT IN ({SCHEDULED}))",
                [json.dumps(words), self.connection.ops.adapt_datetimefield_value(now)],
            )

    def _rank(self, plan: MatchPlan) -> tuple[str, list]:
        phrases = ", ".join(["%s"] * len(plan.phrases))
        starts = " OR ".join(
            ["substr(d.title, 1, %s) = %s OR substr(d.alt_title, 1, %s) = %s"] * len(plan.phrases)
        )
        sql = f"""
            CASE
                WHEN d.title IN ({phrases}) OR d.alt_title IN ({phrases}) THEN 0
                WHEN {starts} THEN 1
                ELSE 2
            END
        """
        starts_params = [value for phrase in plan.phrases for value in (len(phrase), phrase) * 2]
        return sql, [*plan.phrases, *plan.phrases, *starts_params]

    def rebuild_started(self) -> None:
        # Emptying the FTS index in one go beats a trigger call per deleted row; the triggers
        # come back, exactly as the migration made them, in rebuild_finished().
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'trigger' AND tbl_name = 'search_document'"
            )
            self._triggers = cursor.fetchall()
            for name, _sql in self._triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            cursor.execute("DELETE FROM search_document")
            cursor.execute("DELETE FROM search_term")
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")

    def rebuild_finished(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            for _name, sql in self._triggers:
                cursor.execute(sql)
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE search_document")
            cursor.execute("ANALYZE search_term")
