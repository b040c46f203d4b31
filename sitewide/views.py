import contextlib
import functools
import itertools

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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


def bench_floor(request):
    """For `make bench` only (BENCHMARK_CEILING): the least an uncached page of this site can
    do, one query and the layout, measured beside the bare view and the real pages. With
    ``?queries=N``, the least a page of N queries can do: N one-row ORM queries."""
    try:
        queries = min(max(int(request.GET.get("queries", 1)), 1), 100)
    except ValueError:
        queries = 1
    films = Film.objects.only("title", "year", "slug").order_by("pk")
    return render(
        request, "sitewide/bench_floor.html", {"films": [films[n] for n in range(queries)]}
    )


_replays: dict[str, tuple[list[tuple], HttpResponse]] = {}  # (sql, params, cursor, prepared)


def bench_replay(request):
    """For `make bench` only (BENCHMARK_CEILING): the necessary work of the page ``?page=``,
    its SQL and its bytes. The page is served once, in this process, and its statements and
    response kept; each request then sends the same statements, and the same settings around
    them, on the same kind of cursor (so a statement the page had prepared is prepared again),
    reads every row and answers the same bytes, without building queries, model instances or
    templates."""
    from django.test import Client  # bench only: production never imports the test client

    path = request.GET.get("page", "")
    if path not in _replays:
        statements = []

        def record(execute, sql, params, many, context):
            # With psycopg's prepare threshold: 0 when the page had the statement prepared.
            prepare = getattr(connection.connection, "prepare_threshold", None) == 0
            statements.append((sql, params, type(context["cursor"].cursor), prepare))
            return execute(sql, params, many, context)

        # What a backend sends on the driver's connection itself passes no execute wrapper:
        # the search's planner settings, around its statement. Recorded there (PostgreSQL's
        # driver allows it; sqlite3's does not, and nothing here sends any to SQLite).
        connection.ensure_connection()
        driver, send = connection.connection, connection.connection.execute

        def record_sent(sql, *args, **kwargs):
            statements.append((sql, None, None, False))
            return send(sql, *args, **kwargs)

        with contextlib.suppress(AttributeError):
            driver.execute = record_sent
        try:
            with connection.execute_wrapper(record):
                page = Client(HTTP_HOST=request.get_host()).get(path)
        finally:
            with contextlib.suppress(AttributeError):
                del driver.execute
        if page.status_code != 200:
            raise Http404(f"{path} answered {page.status_code}.")
        _replays[path] = statements, page
    statements, page = _replays[path]
    connection.ensure_connection()
    for sql, params, cursor_class, prepare in statements:
        if cursor_class is None:
            connection.connection.execute(sql)
            continue
        driver = connection.connection
        cursor = cursor_class(driver)
        if prepare:  # as the page did: prepared on first use, then its plan reused
            threshold, driver.prepare_threshold = driver.prepare_threshold, 0
        try:
            cursor.execute(sql, params)
            cursor.fetchall()
        finally:
            cursor.close()
            if prepare:
                driver.prepare_threshold = threshold
    response = HttpResponse(page.content, content_type=page["Content-Type"])
    response["X-Statements"] = sum(statement[2] is not None for statement in statements)
    return response
