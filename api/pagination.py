from drf_spectacular.plumbing import append_meta, build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import exceptions, pagination

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=``. A value that is not a whole number from 1 is a 400
    naming the parameter; a size over the maximum is clamped to it; a page past the last is a
    404."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "Page number, from 1. A page past the last one is a 404."
    page_size_query_description = (
        f"Results per page: {DEFAULT_PAGE_SIZE} by default, at most {MAX_PAGE_SIZE} (a larger "
        f"value is clamped to {MAX_PAGE_SIZE})."
    )

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)
        if number in self.last_page_strings:
            return number
        return whole_number(request, self.page_query_param, number)

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
                "next": page_link("The next page; null on the last.", f"{first_page}?page=2"),
                "previous": page_link("The previous page; null on the first.", None),
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        limits = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": MAX_PAGE_SIZE},
        }
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] |= limits[parameter["name"]]
        return parameters


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
