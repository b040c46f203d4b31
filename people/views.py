from django.db.models import Prefetch
from django.views import generic

from core.pagination import SafePaginationMixin
from people.models import Person
from reviews.models import MENTIONED_IN_LIMIT, Review


class ListView(SafePaginationMixin, generic.ListView):
    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 60
    queryset = Person.objects.only("name", "slug", "birth_date", "death_date")


class DetailView(generic.DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"
    # The filmography is a cached fragment, loaded lazily.
    queryset = Person.objects.prefetch_related(
        Prefetch(
            "mentioned_in",
            queryset=Review.objects.published().for_listing()[:MENTIONED_IN_LIMIT],
            to_attr="mentioning_reviews",
        )
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filmography"] = self.object.filmography
        return context
