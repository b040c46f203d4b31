"""The home page here; the film, people and author pages under their own namespaces, included
by config/urls.py as ``films``, ``people`` and ``authors``."""

from django.urls import path, re_path

from core.pagecache import cached_for_readers
from sitewide import views

app_name = "sitewide"

urlpatterns = [
    path("", cached_for_readers(views.HomeView.as_view()), name="home"),
    # IMDb's ids, so a link or a habit that knows only those finds the page.
    re_path(r"^imdb/(?P<imdb_id>(?:tt|nm)[0-9]{7,10})/$", views.imdb_redirect, name="imdb"),
]

film_urls = (
    [
        path("", cached_for_readers(views.FilmListView.as_view()), name="list"),
        path("<slug:slug>/", cached_for_readers(views.FilmDetailView.as_view()), name="detail"),
        path("<slug:slug>/poster.png", views.film_poster, name="poster"),
    ],
    "films",
)

people_urls = (
    [
        path("", cached_for_readers(views.PersonListView.as_view()), name="list"),
        path("<slug:slug>/", cached_for_readers(views.PersonDetailView.as_view()), name="detail"),
        path(
            "<slug:slug>/credits/<slug:role>/",
            cached_for_readers(views.PersonCreditsView.as_view()),
            name="credits",
        ),
    ],
    "people",
)

author_urls = (
    [
        path("", cached_for_readers(views.AuthorListView.as_view()), name="list"),
        path("<slug:slug>/", cached_for_readers(views.AuthorDetailView.as_view()), name="detail"),
    ],
    "authors",
)
