from django.views import generic

from core.pagination import SafePaginationMixin
from people.models import Person
from reviews.models import Review


class ListView(SafePaginationMixin, generic.ListView):
    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 60
    queryset = Person.objects.only("name", "slug", "birth_date", "death_date")


class DetailView(generic.DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"
    # The filmography is a cached fragment, loaded lazily.
    model = Person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filmography"] = self.object.filmography
        context["mentioned_in"] = Review.objects.published().for_listing().mentioning(self.object)
        return context
