"""A URLconf where films live elsewhere (tests/core/test_links.py)."""

from django.http import HttpResponse
from django.urls import include, path

films = ([path("<slug:slug>/", lambda request, slug: HttpResponse(), name="detail")], "films")
urlpatterns = [path("moved/", include(films))]
