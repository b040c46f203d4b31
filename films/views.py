from django.db.models import Prefetch
from django.views import generic
from django_filters.views import FilterView

from core.pagination import SafePaginationMixin
from films.filters import FilmFilter
from films.models import Credit, Film, FilmRelation
from reviews.models import Review


class ListView(SafePaginationMixin, FilterView):
    filterset_class = FilmFilter
    template_name = "films/film_list.html"
    context_object_name = "films"
    paginate_by = 24

    def get_queryset(self):
        return (
            Film.objects.with_review_summary()
            .with_facts()
            .prefetch_related(
                Prefetch(
                    "credits",
                    queryset=Credit.objects.filter(role=Credit.Role.DIRECTOR).select_related(
                        "person"
                    ),
                    to_attr="director_credits",
                )
            )
        )


class DetailView(generic.DetailView):
    template_name = "films/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.with_credits().prefetch_related(
            Prefetch(
                "relations",
                queryset=FilmRelation.objects.select_related("related_film"),
            ),
            Prefetch(
                "inverse_relations",
                queryset=FilmRelation.objects.select_related("film"),
            ),
            Prefetch(
                "reviews",
                queryset=Review.objects.published().for_listing(),
                to_attr="published_reviews",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        context["collection_films"] = (
            film.collection.films.only(
                "title", "year", "slug", "collection_order", "collection_id"
            ).order_by("collection_order", "year", "id")
            if film.collection
            else []
        )
        return context
