from django.db.models import Q

from search.service import matching_ids

# The admin asks for one page at a time; more matches than this are not worth ranking.
MAX_ADMIN_MATCHES = 1000


class SiteSearchAdminMixin:
    """Makes a ModelAdmin's search box, and the autocomplete widgets that point at it, use the
    site search as well as its ``search_fields``: accents, one-letter typos, original titles,
    characters and "ballerina 2025" all find the film. For FilmAdmin and PersonAdmin::

        class FilmAdmin(SiteSearchAdminMixin, SimpleHistoryAdmin):
            search_group = "films"
    """

    search_group: str = ""

    def get_search_results(self, request, queryset, search_term):
        matched, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return matched, may_have_duplicates
        ids = matching_ids(self.search_group, search_term, limit=MAX_ADMIN_MATCHES)
        either = Q(pk__in=ids) | Q(pk__in=matched.order_by().values("pk"))
        return queryset.filter(either), may_have_duplicates
