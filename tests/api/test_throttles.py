"""Anonymous and authenticated clients each have a rate; past it the answer is 429 with
Retry-After. Rates come from settings (API_THROTTLE_ANON / API_THROTTLE_USER)."""

import pytest
from django.core import checks

from api.checks import check_throttle_rates

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
