from django.db.models import Prefetch
from django.views import generic

from core.pagination import SafePaginationMixin
from core.slugs import FollowsOldSlugsMixin
from lists.models import Entry, FilmList


class ListView(SafePaginationMixin, generic.ListView):
    template_name = "lists/filmlist_list.html"
    context_object_name = "film_lists"
    paginate_by = 20

    def get_queryset(self):
        return FilmList.objects.published().for_cards()


class DetailView(FollowsOldSlugsMixin, generic.DetailView):
    template_name = "lists/filmlist_detail.html"
    context_object_name = "film_list"

    def get_queryset(self):
        # Editors preview drafts and scheduled lists; everyone else sees what is published.
        entries = Entry.objects.select_related("film")
        return (
            FilmList.objects.visible_to(self.request.user)
            .select_related("critic")
            .prefetch_related(Prefetch("entries", entries))
        )
