"""A database outage answers 503 (core/outage.py), in-process: every query fails as it does
when PostgreSQL is down. tests/test_database_outage.py does it for real, under gunicorn."""

import json
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError, connection
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from core import outage
from tests.factories import FilmFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

API_OUTAGE = {
    "error": {
        "status": 503,
        "code": "service_unavailable",
        "message": "The database is unavailable. Please try again in a moment.",
        "fields": {},
    }
}


@contextmanager
def database_down(error=OperationalError):
    """Every new cursor fails, as Django reports a refused or dropped connection."""
    with mock.patch.object(connection, "_cursor", side_effect=error("connection refused")):
        yield


@pytest.fixture
def catalogue():
    film = FilmFactory(title="Heat", year=1995)
    ReviewFactory(film=film)
    return film


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "We’ll be back in a moment" in html
    assert '<header class="site-header">' in html  # the site's layout
    assert 'href="/reviews/"' in html


def test_pages_answer_503_in_the_site_layout(client, catalogue):
    with database_down():
        for url in ["/", "/films/", catalogue.get_absolute_url(), "/search/?q=heat"]:
            assert_outage_page(client.get(url))


@pytest.mark.parametrize("error", ["InterfaceError", "driver's OperationalError"])
def test_a_lost_connection_is_503_too(client, catalogue, error):
    """Django's InterfaceError, and the driver's own error from code that uses the driver's
    connection directly (search's PostgreSQL backend does), unwrapped by Django."""
    raised = InterfaceError if error == "InterfaceError" else connection.Database.OperationalError
    with database_down(raised):
        assert_outage_page(client.get("/films/"))
        answer = APIClient().get("/api/v1/films/")
    assert answer.status_code == 503
    assert answer.json() == API_OUTAGE


def test_cached_pages_are_still_served(client, catalogue, settings):
    # Local memory: a Redis call timing out on a busy machine would be a miss, not a hit.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    url = catalogue.get_absolute_url()
    assert client.get(url).status_code == 200
    with database_down():
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_signed_in_users_get_503_not_500(client, catalogue):
    """Their session lives in the database: reading it is what fails."""
    client.force_login(UserFactory(is_staff=True))
    with database_down():
        assert_outage_page(client.get(catalogue.get_absolute_url()))
        assert_outage_page(client.get("/admin/films/film/"))


def test_the_outage_page_runs_no_query(django_assert_num_queries):
    request = RequestFactory().get("/films/")
    with django_assert_num_queries(0):
        assert_outage_page(outage.unavailable(request))


def test_the_api_answers_its_json_error(catalogue):
    anonymous, editor = APIClient(), APIClient()
    editor.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    with database_down():
        answers = [
            anonymous.get("/api/v1/films/"),
            anonymous.get(f"/api/v1/films/{catalogue.slug}/"),
            anonymous.get("/api/v1/search/", {"q": "heat"}),
            editor.get("/api/v1/films/"),  # the token cannot be looked up
            editor.patch(f"/api/v1/films/{catalogue.slug}/", {"logline": "x"}, format="json"),
        ]
    for response in answers:
        assert response.status_code == 503
        assert response["Content-Type"] == "application/json"
        assert response["Retry-After"] == "30"
        assert response.json() == API_OUTAGE


def test_api_paths_outside_drf_answer_json():
    request = RequestFactory().get("/api/v1/films/")
    response = outage.DatabaseOutageMiddleware(lambda r: None).process_exception(
        request, OperationalError("connection refused")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == API_OUTAGE


def test_other_database_errors_stay_500():
    """A broken query is a bug to fix, not an outage to wait out."""
    middleware = outage.DatabaseOutageMiddleware(lambda r: None)
    request = RequestFactory().get("/films/")
    assert middleware.process_exception(request, ProgrammingError("no such table")) is None
    assert middleware.process_exception(request, ValueError("bug")) is None


class OutageInAMiddleware:
    """A middleware inside DatabaseOutageMiddleware that queries, while the database is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("connection refused")


class BugInAMiddleware(OutageInAMiddleware):
    def __call__(self, request):
        raise ValueError("bug")


@pytest.mark.parametrize(
    ("raising", "status"), [(OutageInAMiddleware, 503), (BugInAMiddleware, 500)]
)
def test_errors_raised_in_inner_middleware(settings, raising, status):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.{raising.__name__}"]
    response = Client(raise_request_exception=False).get("/films/")
    assert response.status_code == status
    if status == 503:
        assert_outage_page(response)
