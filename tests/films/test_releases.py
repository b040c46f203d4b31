"""Release dates (per country and type, TMDB's six) and alternative titles: on the film page,
in JSON-LD, in the API (nested and as filters), in search, and edited in the admin."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from films.models import AlternativeTitle, Film, ReleaseDate, ReleaseType
from search.service import search
from tests.admin_forms import submitted
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


def test_the_film_page_says_when_it_was_released_and_the_rest_behind_a_disclosure(client, la_haine):
    html = client.get(la_haine.get_absolute_url()).content.decode()
    # The first theatrical release, not the festival premiere.
    assert 'Released <time datetime="1995-05-31">31 May 1995</time> (France)' in html
    assert "<summary>All 3 release dates</summary>" in html
    assert "Premiere · Cannes Film Festival" in html
    assert '<span lang="de">Der Hass</span>' in html
    assert "Also known as" in html


def test_a_film_with_only_a_premiere_says_so(client):
    film = FilmFactory()
    ReleaseDate.objects.create(
        film=film, country_id="IT", type=ReleaseType.PREMIERE, date=datetime.date(2024, 9, 1),
        note="Venice Film Festival",
    )  # fmt: skip
    html = client.get(film.get_absolute_url()).content.decode()
    assert 'Released <time datetime="2024-09-01">1 September 2024</time> (Italy), premiere' in html
    assert "All 1 release" not in html


def test_json_ld_dates_the_film_by_its_first_release_and_names_its_other_titles(client, la_haine):
    html = client.get(la_haine.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["datePublished"] == "1995-05-27"
    assert data["alternateName"] == ["Der Hass", "Hate"]  # by country: DE, US


def test_the_film_page_reads_releases_and_titles_in_two_queries(client, la_haine):
    other = FilmFactory()
    with CaptureQueriesContext(connection) as plain:
        client.get(other.get_absolute_url())
    with CaptureQueriesContext(connection) as full:
        client.get(la_haine.get_absolute_url())
    # Three releases and two titles cost what none do: a query each, not one per row.
    assert len(full.captured_queries) == len(plain.captured_queries)


def test_search_finds_a_film_by_another_title_below_a_film_of_that_title(la_haine):
    FilmFactory(title="Hate", year=2010)
    assert [film.title for film in search("hate").films] == ["Hate", "La Haine"]
    assert [film.title for film in search("der hass").films] == ["La Haine"]


def test_search_forgets_a_title_taken_away(la_haine):
    AlternativeTitle.objects.filter(title="Der Hass").delete()
    assert search("der hass").films.total == 0


def test_editors_add_a_release_date_in_the_admin_and_the_film_is_marked_changed(
    superuser_client, la_haine
):
    url = reverse("admin:films_film_change", args=[la_haine.pk])
    before = Film.objects.get(pk=la_haine.pk).updated_at
    data = submitted(superuser_client.get(url))
    data.update(
        {
            "release_dates-TOTAL_FORMS": ["4"],
            "release_dates-3-date": ["1996-03-15"],
            "release_dates-3-country": ["GB"],
            "release_dates-3-type": ["limited"],
        }
    )
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    assert la_haine.release_dates.filter(country_id="GB", type="limited").exists()
    assert Film.objects.get(pk=la_haine.pk).updated_at > before  # the sitemap's lastmod


def test_a_repeated_release_is_a_form_error_in_the_admin(superuser_client, la_haine):
    url = reverse("admin:films_film_change", args=[la_haine.pk])
    data = submitted(superuser_client.get(url))
    data.update(
        {
            "release_dates-TOTAL_FORMS": ["4"],
            "release_dates-3-date": ["1995-05-31"],
            "release_dates-3-country": ["FR"],
            "release_dates-3-type": ["theatrical"],
        }
    )
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert la_haine.release_dates.count() == 3
