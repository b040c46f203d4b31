"""Every error is JSON of one shape: {"error": {status, code, message, fields}}."""

import pytest

from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/films/nope-1999/",
        "/api/v1/nothing/",
        "/api/v2/",
        "/api/v1/films/a/b/",
        "/api/v1/genres/%F0%9F%8E%AC%0Aline/",
    ],
)
def test_404_is_json(anon_api, path):
    assert_error(anon_api.get(path), 404, "not_found")


def test_404_for_other_methods_too(superuser_api):
    assert_error(superuser_api.delete("/api/v1/nothing/"), 404, "not_found")
    assert_error(superuser_api.patch("/api/v1/films/nope-1999/", {}, format="json"), 404,
                 "not_found")  # fmt: skip


def test_a_path_without_its_slash_is_redirected(anon_api):
    response = anon_api.get("/api/v1/films", {"year": 2020})
    assert response.status_code == 308  # the same method again (tests/api/test_bad_input.py)
    assert response["Location"] == "/api/v1/films/?year=2020"


def test_405_is_json(anon_api, superuser_api):
    error = assert_error(anon_api.delete("/api/v1/search/"), 405, "method_not_allowed")
    assert error["message"] == 'Method "DELETE" not allowed.'
    film = FilmFactory()
    assert_error(superuser_api.post(f"/api/v1/films/{film.slug}/", {}, format="json"), 405,
                 "method_not_allowed")  # fmt: skip


def test_400_names_each_field(editor_api):
    error = assert_error(
        editor_api.post("/api/v1/films/", {"year": 1700}, format="json"), 400, "invalid"
    )
    assert error["fields"] == {
        "title": ["This field is required."],
        "year": ["Ensure this value is greater than or equal to 1870."],
    }
    assert error["message"] == "title: This field is required."


def test_malformed_json_is_a_400(editor_api):
    response = editor_api.generic(
        "POST", "/api/v1/films/", "{not json", content_type="application/json"
    )
    error = assert_error(response, 400, "parse_error")
    assert error["fields"] == {}


def test_a_body_that_is_not_json_is_a_415(editor_api):
    response = editor_api.post("/api/v1/people/", {"name": "Ana"})  # multipart form
    assert_error(response, 415, "unsupported_media_type")


def test_401_and_403(anon_api, user_api):
    assert_error(anon_api.post("/api/v1/people/", {}, format="json"), 401, "not_authenticated")
    assert_error(user_api.post("/api/v1/people/", {}, format="json"), 403, "permission_denied")
