import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


def count_once(rows, catalogue_version: str | None) -> int:
    """``rows.count()``, counted once for the catalogue version (core/pagecache.py) and these
    rows' SQL, then read from the cache for ``LIST_COUNT_SECONDS``: paging through a filtered
    list of 100,000 films recounts nothing. A save starts a new version, so a new count. Only
    for lists whose rows change with saves alone (not with the time, as a scheduled review's
    coming out changes the review list)."""
    seconds = settings.LIST_COUNT_SECONDS
    if not (catalogue_version and seconds and isinstance(rows, QuerySet)):
        return rows.count() if isinstance(rows, QuerySet) else len(rows)
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # none(), or a filter nothing can match: no SQL to run
        return 0
    digest = hashlib.sha256(f"{sql}{params}".encode()).hexdigest()[:20]
    key = f"list-count:{catalogue_version}:{digest}"
    if (count := cache.get(key)) is None:
        count = rows.count()
        cache.set(key, count, seconds)
    return count


class CountOncePaginator(Paginator):
    """A paginator that counts its list with count_once()."""

    def __init__(self, *args, catalogue_version: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogue_version = catalogue_version

    @cached_property
    def count(self) -> int:
        return count_once(self.object_list, self.catalogue_version)


class SafePaginationMixin:
    """For list views: a page past the end shows the last page and nonsense shows the first,
    instead of a 404. Past the first page, the page's ids are read first and then its rows:
    the rows skipped cost only what sorting them needs, not the whole row (as the API's
    pages do, api/pagination.py)."""

    # A list whose rows change with saves alone counts them once a catalogue version.
    count_once = False

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        if not self.count_once:
            return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page)
        version = getattr(self.request, "catalogue_version", None)
        return CountOncePaginator(
            queryset, per_page, orphans, allow_empty_first_page, catalogue_version=version
        )

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans())
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        if page.number > 1 and isinstance(queryset, QuerySet):
            ids = list(
                queryset.values_list("pk", flat=True)[page.start_index() - 1 : page.end_index()]
            )
            page.object_list = queryset.filter(pk__in=ids)
        return paginator, page, page.object_list, page.has_other_pages()
