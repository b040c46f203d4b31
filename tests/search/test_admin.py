"""SiteSearchAdminMixin: the admin's search box and autocomplete find what the site does."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from core.admin import SiteSearchAdminMixin
from films.admin import FilmAdmin, PersonAdmin
from films.models import Film
from people.models import Person
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


# Throwaway admins: the mixin on a plain ModelAdmin with the real admins' search_fields.
class IndexedFilmAdmin(SiteSearchAdminMixin, admin.ModelAdmin):
    search_group = "films"
    search_fields = FilmAdmin.search_fields


class IndexedPersonAdmin(SiteSearchAdminMixin, admin.ModelAdmin):
    search_group = "people"
    search_fields = PersonAdmin.search_fields


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


# Through the real admin: FilmAdmin and PersonAdmin use the mixin.


def changelist(admin_client, url: str, term: str):
    response = admin_client.get(url, {"q": term})
    assert response.status_code == 200
    return response.context["cl"]


def listed(admin_client, url: str, term: str) -> list[str]:
    return sorted(str(row) for row in changelist(admin_client, url, term).result_list)


FILMS = "/admin/films/film/"
PEOPLE = "/admin/people/person/"


def test_film_admin_search_forgives_a_typo(catalogue, admin_client):
    found = listed(admin_client, FILMS, "balerina")
    assert {"Ballerina (2016)", "Ballerina (2025)"} <= set(found)
    assert "Amélie (2001)" not in found
    assert "John Wick (2014)" not in found


def test_film_admin_search_ignores_accents(catalogue, admin_client):
    assert listed(admin_client, FILMS, "amelie") == ["Amélie (2001)"]


def test_film_admin_search_narrows_to_a_trailing_year(catalogue, admin_client):
    assert listed(admin_client, FILMS, "ballerina 2025") == ["Ballerina (2025)"]


def test_person_admin_search_forgives_a_typo(catalogue, admin_client):
    assert listed(admin_client, PEOPLE, "kenau") == ["Keanu Reeves"]


def test_film_autocomplete_uses_the_site_search(catalogue, admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "films", "model_name": "credit", "field_name": "film", "term": "balerina"},
    )
    assert response.status_code == 200
    texts = {row["text"] for row in response.json()["results"]}
    assert {"Ballerina (2016)", "Ballerina (2025)"} <= texts
    assert "Amélie (2001)" not in texts


def test_an_empty_search_still_lists_everything(catalogue, admin_client):
    films = changelist(admin_client, FILMS, "")
    assert films.result_count == Film.objects.count() == 6
    people = changelist(admin_client, PEOPLE, "")
    assert people.result_count == Person.objects.count() == 3


def test_film_admin_search_runs_bounded_queries(
    catalogue, admin_client, django_assert_max_num_queries
):
    for n in range(100):
        FilmFactory(title=f"Ballerina Encore {n}", year=1990 + n % 30)
    # session, user, filter choices (genres, countries, collections), the search's two (the
    # vocabulary, which shows the typo, and the match with its corrections), the two counts, the
    # page, the date hierarchy (two) and the years filter: the same however many match.
    with django_assert_max_num_queries(13):
        cl = changelist(admin_client, FILMS, "balerina")
    assert cl.result_count == 103
    assert len(cl.result_list) == 100
