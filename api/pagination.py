from drf_spectacular.plumbing import append_meta, build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core import pagecache
from core.keyset import BadCursor, Sort
from core.pagination import count_once

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000  # rows a page number reaches; cursors go on from there


class Pagination(pagination.BasePagination):
    """Pages by number (``?page=``, within the first MAX_OFFSET rows) or by cursor
    (``?cursor=``, at any depth for the cost of the first page: core/keyset.py). ``next`` and
    ``previous`` are always cursors, so a client that follows them never pays for depth.
    A page, size or cursor that is not one is a 400 naming the parameter; a size over the
    maximum is clamped to it; a page number past the last is a 404."""

    page_size = DEFAULT_PAGE_SIZE
    page_query_param = "page"
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = (
        f"Page number, from 1, within the first {MAX_OFFSET:,} rows (page × page_size); a "
        "page past the last is a 404. To read further, follow next: it is a cursor."
    )
    page_size_query_description = (
        f"Results per page: {DEFAULT_PAGE_SIZE} by default, at most {MAX_PAGE_SIZE} (a larger "
        f"value is clamped to {MAX_PAGE_SIZE})."
    )
    cursor_query_description = (
        "Where a page starts, as given in next or previous. Any depth costs the same. A "
        "cursor belongs to its list's sort and filters."
    )

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        self.sort = Sort(queryset)
        if getattr(view, "count_once", False):  # rows that change with saves alone
            version = getattr(request, "catalogue_version", None) or pagecache.catalogue_version()
            self.count = count_once(queryset, version)
        else:
            self.count = queryset.count()
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            rows, more_before, more_after = self.numbered_page(size)
        else:
            rows, more_before, more_after = self.cursor_page(token, size)
        self.next = self.link(self.sort.encode(rows[-1])) if rows and more_after else None
        self.previous = (
            self.link(self.sort.encode(rows[0], before=True)) if rows and more_before else None
        )
        return rows

    def numbered_page(self, size: int) -> tuple[list, bool, bool]:
        number = 1
        if self.request.query_params.get(self.page_query_param, "") != "":
            number = whole_number(self.request, self.page_query_param)
        offset = (number - 1) * size
        if offset + size > MAX_OFFSET:
            raise exceptions.ValidationError(
                {
                    self.page_query_param: [
                        f"Page numbers reach row {MAX_OFFSET:,}: to read further, follow next "
                        "(a cursor)."
                    ]
                }
            )
        rows = self.sort.ordered()
        if offset:  # the skipped rows cost only what sorting them needs, not the whole row
            ids = list(rows.values_list("pk", flat=True)[offset : offset + size])
            rows = rows.filter(pk__in=ids)
        rows = list(rows[:size])
        if number > 1 and not rows:
            raise exceptions.NotFound("Invalid page.")
        return rows, number > 1, offset + len(rows) < self.count

    def cursor_page(self, token: str, size: int) -> tuple[list, bool, bool]:
        if self.request.query_params.get(self.page_query_param, "") != "":
            raise exceptions.ValidationError(
                {self.page_query_param: ["Give a page number or a cursor, not both."]}
            )
        try:
            values, before = self.sort.decode(token)
        except BadCursor as error:
            raise exceptions.ValidationError({self.cursor_query_param: [str(error)]}) from None
        if before:
            rows, more_before = self.sort.page_before(values, size)
            return rows, more_before, True
        rows, more_after = self.sort.page_after(values, size)
        return rows, True, more_after

    def link(self, cursor: str) -> str:
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data):
        return Response(
            {"count": self.count, "next": self.next, "previous": self.previous, "results": data}
        )

    def get_page_size(self, request):
        if request.query_params.get(self.page_size_query_param, "") == "":
            return self.page_size
        size = whole_number(request, self.page_size_query_param)
        return min(size, self.max_page_size)

    # The list the schema's example links are to (api.schema.AutoSchema names each one's).
    example_path = "/api/v1/films/"

    def get_paginated_response_schema(self, schema):
        def page_link(description: str, example: str | None) -> dict:
            link = {"description": description, "example": example}
            return append_meta(build_basic_type(OpenApiTypes.URI), {"nullable": True, **link})

        first_page = f"https://marquee.example{self.example_path}"
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Rows on all pages.",
                    "example": 12,
                },
                "next": page_link(
                    "The next page, as a cursor link; null on the last.",
                    f"{first_page}?cursor=eyJzIjoiY2U4YWQ0NjciLCJ2IjpbIkFtXHUwMGU5bGllIiwyMDAxLDE1XX0",
                ),
                "previous": page_link(
                    "The previous page, as a cursor link; null on the first.", None
                ),
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        def parameter(name: str, description: str, schema: dict) -> dict:
            return {"name": name, "required": False, "in": "query", "description": description,
                    "schema": schema}  # fmt: skip

        return [
            parameter(self.page_query_param, self.page_query_description,
                      {"type": "integer", "minimum": 1, "maximum": MAX_OFFSET}),
            parameter(self.page_size_query_param, self.page_size_query_description,
                      {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}),
            parameter(self.cursor_query_param, self.cursor_query_description,
                      {"type": "string"}),
        ]  # fmt: skip


def whole_number(request, name: str, raw: str | None = None) -> int:
    """The query parameter ``name`` as a whole number from 1, or a 400 that says so."""
    raw = request.query_params.get(name, "") if raw is None else raw
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value < 1:
        raise exceptions.ValidationError({name: ["Enter a whole number from 1."]})
    return value
