import functools
import itertools

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views import generic
from django_filters.views import FilterView

from authors.models import Author
from core.listing import FilterPanelMixin, first_rows
from core.pagination import SafePaginationMixin
from core.slugs import FollowsOldSlugsMixin
from films import posters, relations
from films.filters import FilmListFilter, PeopleFilter
from films.models import FILMOGRAPHY_FIELDS, Credit, Film, by_role
from films.selectors import with_main_role
from lists.models import FilmList
from people.models import Person
from reviews.models import MENTIONED_IN_LIMIT, Review
from reviews.selectors import authors_with_published_reviews, known_for


class HomeView(generic.TemplateView):
    template_name = "sitewide/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Called only when the cached fragment that shows them has to be rendered; the first
        # is featured.
        context["latest_reviews"] = lambda: list(Review.objects.published().for_listing()[:9])
        context["recent_films"] = Film.objects.cards().order_by("-created_at", "-id")[:12]
        return context


class FilmListView(FilterPanelMixin, SafePaginationMixin, FilterView):
    filterset_class = FilmListFilter
    template_name = "films/film_list.html"
    context_object_name = "films"
    paginate_by = 24
    count_once = True

    def get_queryset(self):
        # Poster cards: the film's card fields, its rating and its directors' names.
        directors = (
            Credit.objects.filter(role=Credit.Role.DIRECTOR)
            .select_related("person")
            .only("film", "person__name", "person__slug")
        )
        return Film.objects.rated_cards().prefetch_related(
            Prefetch("credits", queryset=directors, to_attr="director_credits")
        )


REVIEWS_SHOWN = 10  # a film's own reviews on its page; all of them a link away


class FilmDetailView(FollowsOldSlugsMixin, generic.DetailView):
    """A film page. The facts, credits and related films sit in cached fragments, so they are
    queried lazily, only when a fragment has to be rendered."""

    template_name = "films/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.select_related("collection")

    def get_object(self, queryset=None):
        film = super().get_object(queryset)
        # Shown as cards on their own film's page: no film, no body. Read for this one film,
        # not prefetched: a sliced prefetch numbers rows with a window, slow to compile.
        film.published_reviews = list(
            film.reviews.published().select_related("critic").defer("body")[:REVIEWS_SHOWN]
        )
        return film

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        # Its own reviews are listed above, whatever they mention.
        context["mentioned_in"] = first_rows(
            Review.objects.published().exclude(film=film).for_cards().mentioning(film),
            MENTIONED_IN_LIMIT,
        )
        # Called only when the cached fragment that shows them has to be rendered.
        context["relations_said"] = lambda: relations.sentences(film, relations.touching(film))
        context["in_lists"] = (  # a query only when the fragment showing it renders
            FilmList.objects.published().including(film).only("title", "slug", "byline")[:10]
        )
        context["collection_films"] = (
            film.collection.films.only(
                "title", "year", "slug", "collection_order", "collection_id"
            ).order_by("collection_order", "year", "id")
            if film.collection
            else []
        )
        return context


class PersonListView(FilterPanelMixin, SafePaginationMixin, FilterView):
    filterset_class = PeopleFilter
    strict = False  # a role the list does not offer is ignored, and the page says so
    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 60
    count_once = True

    def get_queryset(self):
        # Filed by surname, on person_sort_name_idx.
        return with_main_role(
            Person.objects.only(
                "name",
                "sort_name",
                "slug",
                "birth_date",
                "death_date",
                "photo",
                "photo_width",
                "photo_height",
            )  # fmt: skip
        ).order_by("sort_name", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Runs of people whose surnames start alike, in the page's order, under their initial.
        context["people_by_initial"] = [
            (initial, list(people))
            for initial, people in itertools.groupby(
                context["people"], key=lambda person: person.sort_name[:1].upper()
            )
        ]
        return context


FILMOGRAPHY_SHOWN = 40  # credits of each role on a person's page; all of them a link away


class PersonDetailView(FollowsOldSlugsMixin, generic.DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"
    model = Person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        # Called only when the cached fragment has to be rendered.
        context["filmography"] = lambda: by_role(
            person.credits.for_filmography(per_role=FILMOGRAPHY_SHOWN).only(*FILMOGRAPHY_FIELDS)
        )
        context["known_for"] = functools.cache(lambda: known_for(person))  # fragment and og:image
        context["mentioned_in"] = first_rows(
            Review.objects.published().for_cards().mentioning(person), MENTIONED_IN_LIMIT
        )
        return context


class PersonCreditsView(SafePaginationMixin, generic.ListView):
    """All of one person's credits in one role, for those with more than their page shows."""

    template_name = "people/person_credits.html"
    context_object_name = "credits"
    paginate_by = 100

    def get_queryset(self):
        if self.kwargs["role"] not in Credit.Role.values:
            raise Http404("No such role.")
        self.person = get_object_or_404(
            Person.objects.only("name", "slug"), slug=self.kwargs["slug"]
        )
        self.role = Credit.Role(self.kwargs["role"])
        return (
            self.person.credits.filter(role=self.role).for_filmography().only(*FILMOGRAPHY_FIELDS)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, role=self.role, **kwargs)


class AuthorListView(SafePaginationMixin, generic.ListView):
    template_name = "authors/author_list.html"
    context_object_name = "authors"
    paginate_by = 60

    def get_queryset(self):
        return authors_with_published_reviews()


class AuthorDetailView(FollowsOldSlugsMixin, generic.DetailView):
    """An author's page: their published reviews, newest first, a page at a time, and their
    published lists."""

    template_name = "authors/author_detail.html"
    context_object_name = "author"
    model = Author
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        author = self.object
        reviews = Review.objects.published().filter(critic=author).for_listing()
        page = Paginator(reviews, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, paginator=page.paginator, reviews=page.object_list)
        context["film_lists"] = FilmList.objects.published().filter(critic=author).for_cards()
        return context


def film_poster(request, slug: str):
    """The film's poster: the uploaded one, or the one made for it, made on the first request
    and read from storage after. Browsers keep it for a day."""
    directors = Credit.objects.filter(role=Credit.Role.DIRECTOR).select_related("person")
    film = get_object_or_404(
        Film.objects.cards().prefetch_related(
            Prefetch("credits", queryset=directors, to_attr="director_credits")
        ),
        slug=slug,
    )
    if film.poster:
        return redirect(film.poster.url)
    names = tuple(credit.person.name for credit in film.director_credits)
    image = posters.stored_poster(posters.PosterText(film.title, film.year, names))
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def imdb_redirect(request, imdb_id: str):
    """/imdb/tt0133093/ goes to that film's page, /imdb/nm0000206/ to that person's."""
    model = Film if imdb_id.startswith("tt") else Person
    return redirect(get_object_or_404(model.objects.only("slug"), imdb_id=imdb_id))


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says; ours is an SVG."""
    return redirect(static("favicon.svg"), permanent=True)
