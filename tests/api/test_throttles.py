"""Anonymous and authenticated clients each have a rate; past it the answer is 429 with
Retry-After. Rates come from settings (API_THROTTLE_ANON / API_THROTTLE_USER). Clients are
counted by their real address (X-Forwarded-For only behind TRUSTED_PROXY_COUNT proxies), bad
tokens count too, and responses say what is left (X-RateLimit-Limit / -Remaining)."""

import subprocess

import pytest
from django.core import checks
from rest_framework.test import APIClient

from api.checks import check_throttle_rates
from api.throttles import client_address
from tests.fresh_settings import fresh_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(anon, user):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }

    return set_rates


def test_anonymous_clients_are_throttled(anon_api, rates):
    rates(anon="3/minute", user="100/minute")
    statuses = [anon_api.get("/api/v1/genres/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = anon_api.get("/api/v1/films/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert "Expected available in" in error["message"]


def test_authenticated_clients_have_their_own_rate(user_api, anon_api, rates):
    rates(anon="1/minute", user="3/minute")
    statuses = [user_api.get("/api/v1/genres/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Retry-After" in user_api.get("/api/v1/genres/")
    # The anonymous budget is separate.
    assert anon_api.get("/api/v1/genres/").status_code == 200


def test_anonymous_clients_are_counted_by_the_anonymous_rate_alone(anon_api, rates):
    rates(anon="100/minute", user="2/minute")
    assert {anon_api.get("/api/v1/genres/").status_code for _ in range(5)} == {200}


def test_throttling_can_be_turned_off(anon_api, rates):
    rates(anon="none", user=None)
    assert {anon_api.get("/api/v1/genres/").status_code for _ in range(5)} == {200}


@pytest.mark.parametrize("rate", ["60/minute", "1/s", "1000/day", None, "none"])
def test_sensible_rates_pass_the_system_check(rates, rate):
    rates(anon=rate, user="600/minute")
    assert check_throttle_rates(None) == []


@pytest.mark.parametrize("rate", ["lots", "60", "60/fortnight", "0/minute", "-1/minute"])
def test_nonsense_rates_fail_the_system_check(rates, rate):
    rates(anon=rate, user="600/minute")
    [error] = check_throttle_rates(None)
    assert error.id == "api.E001"
    assert error.level == checks.ERROR


# The client's address ---------------------------------------------------------------------------


@pytest.fixture
def proxies(settings):
    def set_proxies(count):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    return set_proxies


def test_forwarded_for_is_ignored_without_trusted_proxies(anon_api, rates):
    """Spoofing X-Forwarded-For was a fresh identity, and so a fresh budget, per request."""
    rates(anon="3/minute", user="100/minute")
    assert [anon_api.get("/api/v1/genres/").status_code for _ in range(3)] == [200] * 3
    spoofed = [
        anon_api.get("/api/v1/genres/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(5)
    ]
    assert spoofed == [429] * 5


def test_behind_one_proxy_the_last_forwarded_address_is_the_client(anon_api, rates, proxies):
    rates(anon="2/minute", user="100/minute")
    proxies(1)

    def get(forwarded_for):
        return anon_api.get("/api/v1/genres/", HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    # What the client put on the left is not its identity; what our proxy appended is.
    assert [get(f"198.51.100.{n}, 203.0.113.7") for n in range(3)] == [200, 200, 429]
    assert get("203.0.113.8") == 200
    assert get("203.0.113.7") == 429


def test_an_ipv6_client_is_counted_by_its_64_block(anon_api, rates):
    rates(anon="2/minute", user="100/minute")
    statuses = [
        anon_api.get("/api/v1/genres/", REMOTE_ADDR=f"2001:db8:1:2::{n}").status_code
        for n in range(1, 4)
    ]
    assert statuses == [200, 200, 429]
    assert anon_api.get("/api/v1/genres/", REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


@pytest.mark.parametrize(
    ("num_proxies", "remote_addr", "forwarded_for", "client"),
    [
        (0, "192.0.2.1", None, "192.0.2.1"),
        (0, "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        (1, "10.0.0.2", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.2", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (1, "10.0.0.2", None, "10.0.0.2"),
        (1, "10.0.0.2", "not an address", "10.0.0.2"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        (0, "::ffff:192.0.2.1", None, "192.0.2.1"),
        (0, "fe80::1%eth0", None, "fe80::1"),
        (0, "2001:0db8:0000::0001", None, "2001:db8::1"),
    ],
)
def test_client_address(rf, proxies, num_proxies, remote_addr, forwarded_for, client):
    proxies(num_proxies)
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = rf.get("/", REMOTE_ADDR=remote_addr, **headers)
    assert client_address(request) == client


def run_settings(**env) -> subprocess.CompletedProcess:
    # DEBUG off would need a SECRET_KEY.
    return fresh_settings("s.REST_FRAMEWORK['NUM_PROXIES']", DEBUG="true", **env)


def test_trusted_proxy_count_comes_from_the_environment():
    assert run_settings(TRUSTED_PROXY_COUNT="").stdout.strip() == "0"
    assert run_settings(TRUSTED_PROXY_COUNT="2").stdout.strip() == "2"


@pytest.mark.parametrize("nonsense", ["-1", "two", "1.5"])
def test_nonsense_proxy_counts_stop_start_up(nonsense):
    result = run_settings(TRUSTED_PROXY_COUNT=nonsense)
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be" in result.stderr


# Failed authentication ---------------------------------------------------------------------------


def test_a_bad_token_is_throttled_with_the_address_anonymous_requests(anon_api, rates):
    """Bad tokens were answered 401 for ever: guessing them was never throttled."""
    rates(anon="3/minute", user="100/minute")
    anon_api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    statuses = [anon_api.get("/api/v1/genres/").status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
    response = anon_api.get("/api/v1/genres/", HTTP_AUTHORIZATION="Bearer nonsense")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "throttled"
    # The same budget as the address's plain anonymous requests.
    assert APIClient().get("/api/v1/genres/").status_code == 429


@pytest.mark.parametrize(
    "header", ["Token", "Bearer", "Token a b", "Token \u00e9t\u00e9", "Token " + "a" * 41]
)
def test_malformed_token_headers_are_401_and_counted(anon_api, rates, header):
    rates(anon="1/minute", user="100/minute")
    assert anon_api.get("/api/v1/genres/", HTTP_AUTHORIZATION=header).status_code == 401
    assert anon_api.get("/api/v1/genres/", HTTP_AUTHORIZATION=header).status_code == 429


def test_a_good_token_is_not_held_back_by_bad_ones_from_its_address(user_api, rates):
    rates(anon="1/minute", user="100/minute")
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert [bad.get("/api/v1/genres/").status_code for _ in range(2)] == [401, 429]
    assert user_api.get("/api/v1/genres/").status_code == 200


# Rate-limit headers ------------------------------------------------------------------------------


def test_rate_limit_headers_count_down(anon_api, rates):
    rates(anon="3/minute", user="100/minute")
    responses = [anon_api.get("/api/v1/genres/") for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert {r["X-RateLimit-Limit"] for r in responses} == {"3"}
    assert [r["X-RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert "Retry-After" in responses[-1]
    assert "Retry-After" not in responses[0]


def test_rate_limit_headers_show_an_authenticated_client_its_own_rate(user_api, rates):
    rates(anon="2/minute", user="5/minute")
    response = user_api.get("/api/v1/films/")
    assert (response["X-RateLimit-Limit"], response["X-RateLimit-Remaining"]) == ("5", "4")


def test_no_rate_limit_headers_when_throttling_is_off(anon_api, rates):
    rates(anon="none", user="none")
    response = anon_api.get("/api/v1/genres/")
    assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response
    assert "X-RateLimit-Remaining" not in response


def test_a_bad_token_answer_carries_the_budget(anon_api, rates):
    rates(anon="3/minute", user="100/minute")
    response = anon_api.get("/api/v1/genres/", HTTP_AUTHORIZATION="Bearer " + "0" * 40)
    assert response.status_code == 401
    assert (response["X-RateLimit-Limit"], response["X-RateLimit-Remaining"]) == ("3", "2")
