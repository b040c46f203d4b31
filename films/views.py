from django.db.models import Prefetch
from django.views import generic
from django_filters.views import FilterView

from core.pagination import SafePaginationMixin
from films.filters import FilmFilter
from films.models import Credit, Film
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
    """A film page. The facts, credits and related films sit in cached fragments, so they are
    queried lazily, only when a fragment has to be rendered (see core/caching.py)."""

    template_name = "films/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.select_related("collection").prefetch_related(
            Prefetch(
                "reviews",
                # Shown as cards on their own film's page: no film, no body.
                queryset=Review.objects.published().defer("body"),
                to_attr="published_reviews",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        # Its own reviews are listed above, whatever they mention.
        context["mentioned_in"] = (
            Review.objects.published().exclude(film=film).for_listing().mentioning(film)
        )
        context["relations"] = film.relations.select_related("related_film")
        context["inverse_relations"] = film.inverse_relations.select_related("film")
        context["collection_films"] = (
            film.collection.films.only(
                "title", "year", "slug", "collection_order", "collection_id"
            ).order_by("collection_order", "year", "id")
            if film.collection
            else []
        )
        return context
