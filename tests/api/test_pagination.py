"""Every list is paginated: 20 by default, page_size up to 100 (clamped above), pages that
never repeat or skip a row, whatever the sort, by number or by cursor (next and previous);
a page or size that is not a whole number from 1, a page number past the cap, or a cursor
the list did not give out is a 400."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.pagination import MAX_OFFSET
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
    assert data["next"].startswith("http://testserver/api/v1/films/?cursor=")
    assert data["previous"] is None
    rest = anon_api.get(data["next"]).json()
    assert len(rest["results"]) == 1
    assert rest["next"] is None
    assert anon_api.get(rest["previous"]).json()["results"] == data["results"]


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


def test_a_page_that_does_not_exist_is_a_404(anon_api):
    response = anon_api.get("/api/v1/films/", {"page": "2"})
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


def follow(client, link: str, key: str) -> list[str]:
    """Every row's url from ``link`` on, following ``key`` (next or previous) to the end."""
    seen = []
    while link:
        data = client.get(link).json()
        rows = [row["url"] for row in data["results"]]
        seen += rows if key == "next" else rows[::-1]
        link = data[key]
    return seen


def test_cursors_never_repeat_or_skip_rows_either_way(anon_api, subtests):
    """Ties on every sort key, and nulls (films and people without ratings or birth dates)
    where the sort puts them first or last."""
    author = UserFactory()
    for i, film in enumerate(FilmFactory.create_batch(25, title="Same title", year=2000)):
        ReviewFactory(film=film, author=author, published_at=film.created_at, rating=i % 3 + 3)
        CreditFactory(film=film)
    FilmFactory.create_batch(5, title="Same title", year=2000)  # no reviews: no rating
    GenreFactory.create_batch(25)
    for url, params in STABLE:
        with subtests.test(url=url, **params):
            query = "&".join(f"{k}={v}" for k, v in (params | {"page_size": 7}).items())
            forward = follow(anon_api, f"/api/v1/{url}/?{query}", "next")
            by_number = []
            for page in range(1, len(forward) // 7 + 2):
                data = anon_api.get(f"/api/v1/{url}/?{query}&page={page}").json()
                by_number += [row["url"] for row in data["results"]]
            assert forward == by_number  # cursors and page numbers read one order
            assert len(forward) == len(set(forward)) == data["count"] >= 25
            last = anon_api.get(f"/api/v1/{url}/?{query}&page={page}").json()
            backward = follow(anon_api, last["previous"], "previous")
            assert backward[::-1] + [row["url"] for row in last["results"]] == forward


def test_a_cursor_keeps_its_place_when_rows_are_added_before_it(anon_api):
    FilmFactory.create_batch(4, title="Middle")
    first = anon_api.get("/api/v1/films/", {"page_size": 2}).json()
    FilmFactory(title="Aardvark")  # sorts first: a page number would now repeat a row
    second = anon_api.get(first["next"]).json()
    seen = [row["url"] for row in first["results"] + second["results"]]
    assert len(set(seen)) == 4


def test_a_deep_cursor_costs_the_queries_of_the_first_page(anon_api):
    FilmFactory.create_batch(30)
    with CaptureQueriesContext(connection) as first:
        page = anon_api.get("/api/v1/films/", {"page_size": 5, "sort": "-rating"}).json()
    for _ in range(4):
        page = anon_api.get(page["next"]).json()
    with CaptureQueriesContext(connection) as deep:
        assert len(anon_api.get(page["next"]).json()["results"]) == 5
    assert len(deep) == len(first)
    assert "OFFSET" not in deep.captured_queries[-1]["sql"].upper()


def cursor_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["cursor"][0]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"cursor": "nonsense"}, "cursor", "This is not a cursor this list gave out."),
        ({"cursor": "e30"}, "cursor", "This is not a cursor this list gave out."),  # {}
        ({"sort": "-year"}, "cursor", "This cursor is for another sort of this list: start again."),
        ({"page": "2"}, "page", "Give a page number or a cursor, not both."),
    ],
)
def test_a_bad_cursor_is_a_400_naming_it(anon_api, params, field, message):
    FilmFactory.create_batch(3)
    cursor = cursor_of(anon_api.get("/api/v1/films/", {"page_size": 1}).json()["next"])
    response = anon_api.get("/api/v1/films/", {"cursor": cursor} | params)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {field: [message]}


def test_a_cursor_with_values_of_the_wrong_type_is_a_400(anon_api):
    import base64
    import json

    FilmFactory.create_batch(3)
    cursor = cursor_of(anon_api.get("/api/v1/films/", {"page_size": 1}).json()["next"])
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    payload["v"][1] = "not a year"
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()
    response = anon_api.get("/api/v1/films/", {"cursor": forged})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_page_numbers_stop_at_the_cap_and_say_how_to_go_on(anon_api):
    FilmFactory()
    assert anon_api.get("/api/v1/films/", {"page": MAX_OFFSET, "page_size": 1}).status_code == 404
    response = anon_api.get("/api/v1/films/", {"page": MAX_OFFSET // 20 + 1})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "page": ["Page numbers reach row 10,000: to read further, follow next (a cursor)."]
    }


def test_a_cursor_on_columns_that_cannot_be_null_asks_an_index_friendly_question(anon_api):
    FilmFactory.create_batch(3)
    link = anon_api.get("/api/v1/films/", {"page_size": 1}).json()["next"]
    with CaptureQueriesContext(connection) as queries:
        anon_api.get(link)
    page_query = next(q["sql"] for q in queries.captured_queries if "LIMIT" in q["sql"])
    assert "IS NULL" not in page_query.upper()
    assert '"title" >=' in page_query  # where an index on the title starts
