from django.db.models import QuerySet


class SafePaginationMixin:
    """For list views: a page past the end shows the last page and nonsense shows the first,
    instead of a 404. Past the first page, the page's ids are read first and then its rows:
    the rows skipped cost only what sorting them needs, not the whole row (as the API's
    pages do, api/pagination.py)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans())
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        if page.number > 1 and isinstance(queryset, QuerySet):
            ids = list(
                queryset.values_list("pk", flat=True)[page.start_index() - 1 : page.end_index()]
            )
            page.object_list = queryset.filter(pk__in=ids)
        return paginator, page, page.object_list, page.has_other_pages()
