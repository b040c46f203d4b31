"""SiteSearchAdminMixin: the admin's search box and autocomplete find what the site does."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from films.admin import FilmAdmin
from films.models import Film
from people.admin import PersonAdmin
from people.models import Person
from search.admin import SiteSearchAdminMixin

pytestmark = pytest.mark.django_db


class IndexedFilmAdmin(SiteSearchAdminMixin, FilmAdmin):
    search_group = "films"


class IndexedPersonAdmin(SiteSearchAdminMixin, PersonAdmin):
    search_group = "people"


def searched(model_admin_class, model, term: str) -> list[str]:
    model_admin = model_admin_class(model, admin.site)
    request = RequestFactory().get("/", {"q": term})
    queryset, _ = model_admin.get_search_results(request, model.objects.all(), term)
    return sorted(str(row) for row in queryset)


def test_typos_accents_original_titles_and_years_as_well_as_the_search_fields(catalogue):
    assert searched(IndexedFilmAdmin, Film, "balerina 2025") == ["Ballerina (2025)"]
    assert searched(IndexedFilmAdmin, Film, "fabuleux") == ["Amélie (2001)"]
    assert searched(IndexedFilmAdmin, Film, "amelie") == ["Amélie (2001)"]
    assert searched(IndexedPersonAdmin, Person, "kenau") == ["Keanu Reeves"]
    # What search_fields alone would find still counts (here a fragment inside a word).
    assert searched(IndexedPersonAdmin, Person, "eanu") == ["Keanu Reeves"]
    assert len(searched(IndexedFilmAdmin, Film, "")) == Film.objects.count()
