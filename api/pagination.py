from rest_framework import pagination

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=``. Sizes over the maximum are clamped to it; a size that is
    not a positive whole number falls back to the default; a page that does not exist is 404."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "Page number, from 1. A page past the last one is a 404."
    page_size_query_description = (
        f"Results per page: {DEFAULT_PAGE_SIZE} by default, at most {MAX_PAGE_SIZE}. "
        f"A larger value is clamped to {MAX_PAGE_SIZE}; one that is not a positive whole "
        f"number gives the default."
    )
