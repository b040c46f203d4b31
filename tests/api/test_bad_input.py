"""Input the API cannot take answers a 4xx in its error shape (api/exceptions.py), never a 500
and never a half-saved write. The rows are inputs that made a 500 (most on PostgreSQL only), a
misleading status or unbounded work, and a few the API already refused, to keep it so."""

import datetime
import json

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from api.parsers import MAX_DEPTH
from api.serializers import MAX_LIST_ITEMS
from films.models import Credit, Film, Genre
from reviews.models import Review
from tests.factories import FilmFactory, GenreFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert (body["error"]["status"], body["error"]["code"]) == (status, code)
    assert body["error"]["message"]
    return body["error"]


def nested(depth: int) -> str:
    """A JSON body whose "title" is a list nested ``depth`` levels below the object."""
    return '{"title": ' + "[" * depth + "]" * depth + "}"


# Anyone, in the address ------------------------------------------------------------------------

ADDRESSES = [
    # A NUL reaches PostgreSQL, which refuses it: DataError.
    ("/api/v1/films/?q=%00", 400, "bad_request"),
    ("/api/v1/films/?person=a%00b", 400, "bad_request"),
    ("/api/v1/search/?q=hot%00fuzz", 400, "bad_request"),
    ("/api/v1/people/?film=%00", 400, "bad_request"),
    ("/api/v1/reviews/?author=%00", 400, "bad_request"),
    ("/api/v1/films/hot-fuzz%00/", 400, "bad_request"),
    ("/api/v1/credits/?person=%00", 400, "bad_request"),
    # Refused before: kept so they stay so. An offset that takes the moment out of years 1-9999.
    ("/api/v1/reviews/?published_after=0001-01-01T00:00:00%2B01:00", 400, "invalid"),
    ("/api/v1/reviews/?published_before=9999-12-31T23:00:00-02:00", 400, "invalid"),
    # Numbers beyond what a filter takes.
    ("/api/v1/films/?year_min=99999999999", 400, "invalid"),
    ("/api/v1/reviews/?rating_min=1e400", 400, "invalid"),
]


@pytest.mark.parametrize(("path", "status", "code"), ADDRESSES)
def test_bad_addresses(path, status, code):
    ReviewFactory()
    anon_api = APIClient(raise_request_exception=False)
    assert_error(anon_api.get(path), status, code)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        # PostgreSQL refuses offsets beyond ±15:59 (DataError); ISO 8601 allows up to ±23:59.
        ("+16:00", ["at 09:00"]),  # 2023-12-31T08:00Z
        ("+23:59", ["at 07:00", "at 09:00"]),  # 2023-12-31T00:01Z
        ("-23:59", []),  # 2024-01-01T23:59Z
        ("Z", []),
    ],
)
def test_published_after_takes_any_offset(anon_api, offset, expected):
    for hour in (7, 9):
        ReviewFactory(
            headline=f"at {hour:02}:00",
            published_at=datetime.datetime(2023, 12, 31, hour, tzinfo=datetime.UTC),
        )
    response = anon_api.get("/api/v1/reviews/", {"published_after": f"2024-01-01T00:00:00{offset}"})
    assert response.status_code == 200
    assert sorted(row["headline"] for row in response.json()["results"]) == expected


# Methods an endpoint does not offer: 405 before credentials are asked for -----------------------


@pytest.mark.parametrize(
    ("who", "method", "path"),
    [
        ("anon_api", "put", "/api/v1/countries/US/"),
        ("anon_api", "delete", "/api/v1/languages/en/"),
        ("anon_api", "post", "/api/v1/countries/"),
        ("user_api", "patch", "/api/v1/countries/US/"),
        ("editor_api", "put", "/api/v1/languages/en/"),
        ("anon_api", "delete", "/api/v1/films/"),
        ("anon_api", "post", "/api/v1/"),
    ],
)
def test_methods_an_endpoint_lacks_are_405_for_everyone(request, who, method, path):
    client = request.getfixturevalue(who)
    response = getattr(client, method)(path, {"name": "Nowhere"}, format="json")
    error = assert_error(response, 405, "method_not_allowed")
    assert error["message"] == f'Method "{method.upper()}" not allowed.'
    assert method.upper() not in response["Allow"]


def test_offered_writes_still_need_credentials(anon_api, user_api):
    assert_error(anon_api.post("/api/v1/genres/", {}, format="json"), 401, "not_authenticated")
    assert_error(user_api.post("/api/v1/genres/", {}, format="json"), 403, "permission_denied")


# A path without its slash: 308 to the slashed path, with DEBUG on or off ------------------------


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    ("method", "path", "location"),
    [
        ("post", "/api/v1/films", "/api/v1/films/"),
        ("get", "/api/v1/films?year=2020", "/api/v1/films/?year=2020"),
        ("put", "/api/v1/genres/noir", "/api/v1/genres/noir/"),
        ("delete", "/api/v1/nothing", "/api/v1/nothing/"),
        ("get", "/api", "/api/"),
    ],
)
def test_a_path_without_its_slash_is_redirected_keeping_the_method(
    settings, editor_api, debug, method, path, location
):
    settings.DEBUG = debug  # with DEBUG on, CommonMiddleware raised for a POST: a 500
    response = getattr(editor_api, method)(path, {}, format="json")
    error = assert_error(response, 308, "permanent_redirect")
    assert response["Location"] == location
    assert location in error["message"]


def test_a_client_following_the_redirect_sends_its_body_again(editor_api):
    response = editor_api.post(
        "/api/v1/genres", {"name": "Noir", "slug": "noir"}, format="json", follow=True
    )
    assert response.status_code == 201
    assert response.redirect_chain == [("/api/v1/genres/", 308)]
    assert Genre.objects.filter(slug="noir").exists()


# A server error: the error shape, not Django's HTML page ----------------------------------------


def test_a_server_error_is_json(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("api.views.FilmViewSet.list", broken)
    response = APIClient(raise_request_exception=False).get("/api/v1/films/")
    error = assert_error(response, 500, "server_error")
    assert "bug" not in error["message"]


# Bodies editors send ----------------------------------------------------------------------------

NUL = ["Null characters are not allowed."]  # DRF's message for a NUL in a CharField

BODIES = [
    # Python's parser gives up with a RecursionError: a 500.
    ("/api/v1/films/", nested(100_000), "parse_error", {}),
    ("/api/v1/films/", nested(MAX_DEPTH), "parse_error", {}),
    # A NUL reaches PostgreSQL in a slug lookup (DataError); it is refused in any string.
    (
        "/api/v1/credits/",
        '{"film": "hot-fuzz-2007", "person": "a\\u0000b", "role": "cast", "order": 1}',
        "invalid",
        {"person": NUL},
    ),
    ("/api/v1/films/", '{"title": "Hot Fuzz", "year": 2007, "genres": ["\\u0000"]}', "invalid",
     {"genres": NUL}),
    ("/api/v1/films/", '{"title": "Hot Fuzz", "year": 2007, "collection": "\\u0000"}', "invalid",
     {"collection": NUL}),
    ("/api/v1/films/", '{"title\\u0000": "Hot Fuzz", "year": 2007}', "invalid",
     {"non_field_errors": NUL}),
    ("/api/v1/people/", '{"name": "Simon", "biography": ["x", {"y": "\\u0000"}]}', "invalid",
     {"biography": NUL}),
    ("/api/v1/reviews/", '{"film": "hot-fuzz-2007", "headline": "Fine", "body": "A\\u0000"}',
     "invalid", {"body": NUL}),
    ("/api/v1/films/", '["\\u0000"]', "invalid", {"non_field_errors": NUL}),
    # A list must be one: a dict would be walked by its keys, a query each.
    ("/api/v1/films/", '{"title": "Hot Fuzz", "year": 2007, "genres": {"a": 1}}', "invalid",
     {"genres": ['Expected a list of items but got type "dict".']}),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body", "code", "fields"), BODIES)
def test_bad_bodies(editor_api, path, body, code, fields):
    FilmFactory(title="Hot Fuzz", year=2007)  # hot-fuzz-2007
    saved = (Film.objects.count(), Credit.objects.count(), Review.objects.count())
    response = editor_api.post(path, body, content_type="application/json")
    assert assert_error(response, 400, code)["fields"] == fields
    assert (Film.objects.count(), Credit.objects.count(), Review.objects.count()) == saved


def test_nesting_up_to_the_limit_reaches_validation(editor_api):
    response = editor_api.post(
        "/api/v1/films/", nested(MAX_DEPTH - 1), content_type="application/json"
    )
    assert assert_error(response, 400, "invalid")["fields"]["title"] == ["Not a valid string."]


def test_a_body_over_the_upload_limit_is_413(editor_api):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = json.dumps({"title": "Long", "year": 2007, "synopsis": "a" * limit})
    error = assert_error(
        editor_api.post("/api/v1/films/", body, content_type="application/json"), 413, "too_large"
    )
    assert f"{limit:,} bytes" in error["message"]
    assert not Film.objects.exists()


@pytest.mark.parametrize(("field", "item"), [("genres", "comedy"), ("countries", "GB"),
                                             ("languages", "en")])  # fmt: skip
def test_a_long_list_is_refused_before_any_item_is_looked_up(
    editor_api, django_assert_max_num_queries, field, item
):
    GenreFactory(name="Comedy")
    # Each item was a query: 50,000 of them outlived the worker's timeout.
    body = {"title": "Hot Fuzz", "year": 2007, field: [item] * 50_000}
    # The token and its user, the user's permissions and group permissions: no item lookups.
    with django_assert_max_num_queries(4):
        response = editor_api.post("/api/v1/films/", body, format="json")
    error = assert_error(response, 400, "invalid")
    assert error["fields"] == {
        field: [f"Ensure this list has no more than {MAX_LIST_ITEMS} items."]
    }
    assert not Film.objects.exists()


def test_a_list_of_the_longest_length_is_saved_and_one_more_is_not(editor_api):
    slugs = [genre.slug for genre in GenreFactory.create_batch(MAX_LIST_ITEMS + 1)]
    body = {"title": "Hot Fuzz", "year": 2007, "genres": slugs}
    assert_error(editor_api.post("/api/v1/films/", body, format="json"), 400, "invalid")
    response = editor_api.post("/api/v1/films/", {**body, "genres": slugs[1:]}, format="json")
    assert response.status_code == 201
    assert Film.objects.get().genres.count() == MAX_LIST_ITEMS


def test_the_schema_states_the_list_limits(anon_api):
    schemas = anon_api.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    for component in ("FilmWriteRequest", "PatchedFilmWriteRequest"):
        properties = schemas[component]["properties"]
        for field in ("genres", "countries", "languages"):
            assert properties[field]["type"] == "array"
            assert properties[field]["maxItems"] == MAX_LIST_ITEMS
