"""SQLite: an FTS5 table over the documents (``unicode61 remove_diacritics 2``, prefix indexes
for the word being typed), and typo candidates from B-tree range scans over the vocabulary.

Reading ids from the FTS5 index is cheap (well under a microsecond a match); looking each
match up in search_document is not (about one). So a query gathers the matching ids once
(``matched`` and ``titled``, materialised), counts them by the kind held in their ids, and
looks up only the rows it ranks.
"""

from datetime import datetime

from search.backends.base import (
    KIND_CODES,
    KIND_SHIFT,
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

TITLE_COLUMNS = "{title alt_title}"
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
        f" ROW_NUMBER() OVER (ORDER BY {order}), NULL, NULL, NULL FROM ({rows}))"
    )


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def ranked(
        self, plan: MatchPlan, windows: dict[str, Window], per_page: int, now: datetime
    ) -> tuple[dict[str, Counts], dict[str, list[Hit]], dict[str, list[Hit]]]:
        hidden = "SELECT id FROM search_document WHERE kind = 'review' AND last_activity > %s"
        when = self.connection.ops.adapt_datetimefield_value(now)
        capped = self.count_limit + 1
        rank_sql, rank_params = self._rank(plan)
        parts, params = [], []
        for kind, window in windows.items():
            if not window.limit:
                continue
            code, (first, last) = KIND_CODES[kind], kind_ids(kind)

            def count(name: str, code: int = code) -> str:
                return f"(SELECT {name} FROM counts WHERE code = {code})"

            reach_sql, reach_params = self._reach(window, per_page, count("matched"))

            # Each part runs only if its guard holds: a table of one row or none, joined first
            # (CROSS JOIN keeps SQLite from reordering), so a part not chosen reads nothing.
            def guard(name: str, test: str) -> str:
                return f"(SELECT 1 WHERE {count(name)} {test} {self.count_limit}) AS chosen"

            few_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank
                FROM {guard("titled", "<=")}
                CROSS JOIN titled t JOIN search_document d ON d.id = t.id
                WHERE t.id BETWEEN %s AND %s
                ORDER BY rank, {ORDER} LIMIT {reach_sql}
            """
            many_titled = f"""
                SELECT {ROW_COLUMNS}, {rank_sql} AS rank
                FROM {guard("titled", ">")}
                CROSS JOIN search_document d INDEXED BY search_document_rank_idx
                WHERE d.kind = '{kind}' AND d.id IN titled
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            few_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank
                FROM {guard("others", "<=")}
                CROSS JOIN matched m JOIN search_document d ON d.id = m.id
                WHERE m.id BETWEEN %s AND %s AND m.id NOT IN titled
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            many_others = f"""
                SELECT {ROW_COLUMNS}, 3 AS rank
                FROM {guard("others", ">")}
                CROSS JOIN search_document d INDEXED BY search_document_rank_idx
                WHERE d.kind = '{kind}' AND d.id IN matched AND d.id NOT IN titled
                ORDER BY {ORDER} LIMIT {reach_sql}
            """
            parts += [
                positioned("titled", few_titled, f"rank, {ORDER}"),
                positioned("titled", many_titled, ORDER),
                positioned("others", few_others, ORDER),
                positioned("others", many_others, ORDER),
            ]
            params += [*rank_params, first, last, *reach_params]
            params += [*rank_params, *reach_params]
            params += [first, last, *reach_params]
            params += [*reach_params]
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT rowid AS id FROM search_fts
                WHERE search_fts MATCH %s AND rowid NOT IN ({hidden})
            ),
            titled AS MATERIALIZED (
                SELECT rowid AS id FROM search_fts
                WHERE search_fts MATCH %s AND rowid NOT IN ({hidden})
            ),
            counts AS MATERIALIZED (
                -- Title matches are matches too (every word in a title is a word in the
                -- record), so the others are the difference: no lookup per match.
                SELECT m.code,
                       MIN(m.n, {capped}) AS matched,
                       MIN(COALESCE(t.n, 0), {capped}) AS titled,
                       MIN(m.n - COALESCE(t.n, 0), {capped}) AS others
                FROM (
                    SELECT id >> {KIND_SHIFT} AS code, COUNT(*) AS n FROM matched GROUP BY code
                ) AS m
                LEFT JOIN (
                    SELECT id >> {KIND_SHIFT} AS code, COUNT(*) AS n FROM titled GROUP BY code
                ) AS t ON t.code = m.code
            )
            SELECT 'counts', code, NULL, NULL, NULL, NULL, NULL, NULL, matched, titled, others
            FROM counts
            {"".join(" UNION ALL " + part for part in parts)}
        """
        params = [
            match_expression(plan.terms),
            when,
            match_expression(plan.terms, TITLE_COLUMNS),
            when,
            *params,
        ]
        kinds = {code: kind for kind, code in KIND_CODES.items()}
        counts: dict[str, Counts] = {}
        titled, others = [], []
        for part, kind, *hit, position, matched, titled_count, others_count in self._rows(
            sql, params
        ):
            if part == "counts":
                counts[kinds[kind]] = Counts(matched, titled_count, others_count)
            else:
                (titled if part == "titled" else others).append((kind, position, Hit(kind, *hit)))
        return counts, in_order(titled), in_order(others)

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
