"""Every list is paginated: 20 by default, page_size up to 100 (clamped above), pages that
never repeat or skip a row, whatever the sort; a page or size that is not a whole number from
1 is a 400."""

import pytest

from tests.factories import (
    CreditFactory,
    FilmFactory,
    GenreFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["films", "people", "reviews", "credits", "genres", "collections", "countries", "languages"]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_is_paginated(anon_api, url):
    response = anon_api.get(f"/api/v1/{url}/")
    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}


def test_default_page_size_is_20(anon_api):
    FilmFactory.create_batch(21)
    data = anon_api.get("/api/v1/films/").json()
    assert data["count"] == 21
    assert len(data["results"]) == 20
    assert data["next"] == "http://testserver/api/v1/films/?page=2"
    assert data["previous"] is None
    assert len(anon_api.get(data["next"]).json()["results"]) == 1


def test_page_size_is_clamped_to_100(anon_api, subtests):
    GenreFactory.create_batch(120)
    for page_size, expected in [("5", 5), ("100", 100), ("101", 100), ("100000", 100), ("", 20)]:
        with subtests.test(page_size=page_size):
            response = anon_api.get("/api/v1/genres/", {"page_size": page_size})
            assert len(response.json()["results"]) == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [("page", "0"), ("page", "-1"), ("page", "abc"), ("page", "1.5"), ("page_size", "0"),
     ("page_size", "-3"), ("page_size", "abc")],
)  # fmt: skip
def test_a_page_or_size_that_is_not_a_whole_number_from_1_is_a_400(anon_api, name, value):
    response = anon_api.get("/api/v1/films/", {name: value})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {name: ["Enter a whole number from 1."]}


@pytest.mark.parametrize("page", ["2", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_a_404(anon_api, page):
    response = anon_api.get("/api/v1/films/", {"page": page})
    assert response.status_code == 404
    assert response.json()["error"] == {
        "status": 404,
        "code": "not_found",
        "message": "Invalid page.",
        "fields": {},
    }


STABLE = [
    ("films", {}),
    ("films", {"sort": "-year"}),
    ("films", {"sort": "year"}),
    ("films", {"sort": "-rating"}),
    ("people", {}),
    ("people", {"sort": "-born"}),
    ("reviews", {}),
    ("reviews", {"sort": "rating"}),
    ("reviews", {"sort": "-published_at"}),
    ("credits", {}),
    ("genres", {}),
]


def test_pages_never_repeat_or_skip_rows(anon_api, subtests):
    """Rows tie on every sort key here, so only the id can decide their order."""
    author = UserFactory()
    for film in FilmFactory.create_batch(25, title="Same title", year=2000):
        ReviewFactory(film=film, author=author, published_at=film.created_at)
        CreditFactory(film=film)
    GenreFactory.create_batch(25)
    for url, params in STABLE:
        with subtests.test(url=url, **params):
            seen = []
            page = 1
            while True:
                query = params | {"page": page, "page_size": 7}
                data = anon_api.get(f"/api/v1/{url}/", query).json()
                seen += [row["url"] for row in data["results"]]
                if not data["next"]:
                    break
                page += 1
            assert len(seen) == data["count"] == len(set(seen))
            assert data["count"] >= 25
