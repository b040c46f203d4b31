"""Bad requests to the site's pages answer a 400 page, never a 500; a server error is the 500
page for a page and the API's error shape under /api/ (handler400 and handler500 in
api/exceptions.py, core.middleware.RejectNulMiddleware)."""

import pytest
from django.test import Client

from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


NUL_ADDRESSES = [
    # Each reached PostgreSQL with the NUL (DataError), or would once a filter read it.
    "/films/?q=%00",
    "/films/?director=a%00b",
    "/people/?q=%00",
    "/reviews/?rating=%00",
    "/search/?q=hot%00fuzz",
    "/search/suggest/?q=%00",
    "/films/hot-fuzz%00/",
    "/feeds/reviews/?%00",
]


@pytest.mark.parametrize("path", NUL_ADDRESSES)
def test_a_nul_in_the_address_is_the_400_page(browser, path):
    ReviewFactory()
    response = browser.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<title>Bad request — Marquee</title>" in html
    assert "We can’t read that request" in html


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/api/v1/films/?q=%00", "/api/v1/films/a%00b/", "/api/%00"])
def test_a_nul_in_an_api_address_is_json_with_debug_on_or_off(settings, browser, debug, path):
    settings.DEBUG = debug
    response = browser.get(path)
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "status": 400,
            "code": "bad_request",
            "message": "The address contains a NUL character (%00), which no page or filter "
            "accepts.",
            "fields": {},
        }
    }


def test_a_page_without_a_nul_is_served(browser):
    assert browser.get("/search/?q=hot+fuzz").status_code == 200


def test_a_server_error_on_a_page_is_the_500_page(browser, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("search.views.run_search", broken)
    response = browser.get("/search/?q=hot+fuzz")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Something went wrong on our side" in response.content.decode()


def test_other_bad_requests_under_the_api_are_json_without_details(settings, browser):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10  # Django's TooManyFieldsSent, a 400
    query = "&".join(f"year={n}" for n in range(20))
    response = browser.get(f"/api/v1/films/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "bad_request",
        "The request could not be understood.",
    )
