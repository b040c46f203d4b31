"""POST /api/v1/auth/token/: good credentials get the user's token, bad ones a 400 in the error
shape, and after LOGIN_FAILURE_LIMIT failures for a username from an address, 429 (django-axes),
even with the right password."""

import logging
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"
PASSWORD = "correct-horse-battery"  # UserFactory's


@pytest.fixture(autouse=True)
def _three_failures_lock_out(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


def test_good_credentials_get_the_users_token(anon_api, reader):
    response = anon_api.post(URL, {"username": "reader", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    key = response.json()["token"]
    assert key == Token.objects.get(user=reader).key
    # The same token next time, and it authenticates (as Bearer too).
    again = anon_api.post(URL, {"username": "reader", "password": PASSWORD}, format="json")
    assert again.json() == {"token": key}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.post("/api/v1/genres/", {"name": "Noir"}, format="json").status_code == 403


def test_a_form_post_works_too(anon_api, reader):
    body = urlencode({"username": "reader", "password": PASSWORD})
    response = anon_api.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_a_stale_token_header_does_not_stop_a_login(anon_api, reader):
    anon_api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = anon_api.post(URL, {"username": "reader", "password": PASSWORD}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"username": "reader", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "reader"},
        {"username": "", "password": ""},
        {"username": ["reader"], "password": PASSWORD},
        {"username": "x" * 10_000, "password": PASSWORD},
        {"username": "read\x00er", "password": PASSWORD},
    ],
)
def test_bad_credentials_are_a_400_in_the_error_shape(anon_api, reader, body):
    response = anon_api.post(URL, body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    assert error["fields"]
    assert "token" not in response.json()


def test_an_inactive_user_gets_no_token(anon_api):
    UserFactory(username="gone", is_active=False)
    response = anon_api.post(URL, {"username": "gone", "password": PASSWORD}, format="json")
    assert response.status_code == 400


def test_locked_out_after_the_limit_even_with_the_right_password(anon_api, reader, caplog):
    wrong = {"username": "reader", "password": "wrong"}
    with caplog.at_level(logging.WARNING, logger="axes"):
        statuses = [anon_api.post(URL, wrong, format="json").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    failures = [r for r in caplog.records if "login failure by" in r.getMessage()]
    assert len(failures) == 3
    assert all('"reader"' in r.getMessage() and "127.0.0.1" in r.getMessage() for r in failures)

    response = anon_api.post(URL, {"username": "reader", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (429, "locked_out")
    assert not Token.objects.filter(user=reader).exists()

    # Only that username from that address.
    UserFactory(username="other")
    other = {"username": "other", "password": PASSWORD}
    assert anon_api.post(URL, other, format="json").status_code == 200
    elsewhere = {"username": "reader", "password": PASSWORD}
    assert anon_api.post(URL, elsewhere, format="json", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_forwarded_for_does_not_escape_a_lockout(anon_api, reader):
    wrong = {"username": "reader", "password": "wrong"}
    for n in range(3):
        anon_api.post(URL, wrong, format="json", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    right = {"username": "reader", "password": PASSWORD}
    response = anon_api.post(URL, right, format="json", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_unlocked_by_the_command(anon_api, reader):
    for _ in range(3):
        anon_api.post(URL, {"username": "reader", "password": "wrong"}, format="json")
    call_command("axes_reset_username", "reader")
    response = anon_api.post(URL, {"username": "reader", "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_the_endpoint_is_throttled(anon_api, reader, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "100/minute"},
    }
    body = {"username": "reader", "password": PASSWORD}
    statuses = [anon_api.post(URL, body, format="json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_endpoint_is_in_the_schema(anon_api):
    schema = anon_api.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"][URL]["post"]
    assert set(operation["responses"]) >= {"200", "400", "429"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Token"
    }
    assert "locked_out" in operation["description"]
