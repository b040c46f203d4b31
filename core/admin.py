from django.db.models import Q
from django.dispatch import Signal

# The admin asks for one page at a time; more matches than this are not worth ranking.
MAX_ADMIN_MATCHES = 1000

# Sent with ``group`` and ``term``; a receiver returns the ids of matching rows, best first
# (the search app answers it: the model apps sit below search and cannot import it).
site_search = Signal()


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
        ids = [
            pk
            for _, found in site_search.send(
                sender=type(self), group=self.search_group, term=search_term
            )
            for pk in found[:MAX_ADMIN_MATCHES]
        ]
        either = Q(pk__in=ids) | Q(pk__in=matched.order_by().values("pk"))
        return queryset.filter(either), may_have_duplicates
