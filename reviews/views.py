from django.views import generic
from django_filters.views import FilterView

from core.listing import FilterPanelMixin
from core.pagination import SafePaginationMixin
from core.slugs import FollowsOldSlugsMixin
from reviews.filters import ReviewFilter
from reviews.models import Review


class ListView(FilterPanelMixin, SafePaginationMixin, FilterView):
    filterset_class = ReviewFilter
    strict = False  # a filter that cannot be used is left out, and the page says so
    template_name = "reviews/review_list.html"
    context_object_name = "reviews"
    paginate_by = 20

    def get_queryset(self):
        return Review.objects.published().for_listing()


class DetailView(FollowsOldSlugsMixin, generic.DetailView):
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_queryset(self):
        # Editors preview drafts and scheduled reviews; everyone else sees what is published.
        # The film's facts and credits are read lazily: the fact box is a cached fragment.
        return Review.objects.visible_to(self.request.user).select_related("film", "critic")
