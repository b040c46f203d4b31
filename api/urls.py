"""/api/v1/ (the router's root lists every endpoint), the OpenAPI schema and its docs."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import tokens, views

app_name = "api"


class Router(DefaultRouter):
    """Its root lists search and the change feed too, plain views rather than viewsets."""

    def get_api_root_view(self, api_urls=None):
        root = super().get_api_root_view(api_urls)
        root.initkwargs["api_root_dict"]["search"] = "search"
        root.initkwargs["api_root_dict"]["changes"] = "changes"
        return root


router = Router()
router.register("films", views.FilmViewSet, basename="film")
router.register("people", views.PersonViewSet, basename="person")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("lists", views.FilmListViewSet, basename="filmlist")
router.register("authors", views.AuthorViewSet, basename="author")
router.register("credits", views.CreditViewSet, basename="credit")
router.register("genres", views.GenreViewSet, basename="genre")
router.register("collections", views.CollectionViewSet, basename="collection")
router.register("countries", views.CountryViewSet, basename="country")
router.register("languages", views.LanguageViewSet, basename="language")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:api-root"), name="index"),
    path("v1/", include(router.urls)),
    path("v1/search/", views.SearchView.as_view(), name="search"),
    path("v1/changes/", views.ChangesView.as_view(), name="changes"),
    path("v1/auth/token/", tokens.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the site's CSP refuses inline ones.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Last: other paths ending in a slash get a JSON 404 (without the slash, APPEND_SLASH
    # redirects here first).
    re_path(r"^[\s\S]*/$", views.NotFoundView.as_view()),  # [\s\S]: paths may hold newlines
]
