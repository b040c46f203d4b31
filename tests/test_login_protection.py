"""The admin's login (django-axes): after LOGIN_FAILURE_LIMIT failures a username is locked out
from that address, even with the right password, with a clear 429 page and a log line per
failure. Superusers unlock it in the admin, anyone with a shell by command; editors cannot."""

import logging
import subprocess

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import UserFactory
from tests.fresh_settings import fresh_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct-horse-battery"  # UserFactory's


@pytest.fixture(autouse=True)
def _three_failures_lock_out(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def boss(db):
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


def log_in(client, password, **extra):
    return client.post(LOGIN, {"username": "boss", "password": password}, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(client):
    for _ in range(3):
        log_in(client, "wrong")
    assert AccessAttempt.objects.get(username="boss").failures_since_start == 3


def test_the_right_password_logs_in_below_the_limit(client, boss):
    assert [log_in(client, "wrong").status_code for _ in range(2)] == [200, 200]
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)
    # A success starts the count again.
    assert not AccessAttempt.objects.filter(username="boss").exists()


def test_locked_out_after_the_limit_even_with_the_right_password(client, boss, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        statuses = [log_in(client, "wrong").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    failures = [r.getMessage() for r in caplog.records if "login failure by" in r.getMessage()]
    assert len(failures) == 3
    assert all('username: "boss"' in line and "127.0.0.1" in line for line in failures)
    assert not any(PASSWORD in r.getMessage() or "wrong" in r.getMessage() for r in caplog.records)

    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "15 minutes" in page
    assert response["X-Frame-Options"] == "DENY"
    assert not logged_in(client)


def test_the_lockout_is_for_that_username_from_that_address(client, boss):
    lock_out(client)
    assert log_in(client, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302
    UserFactory(username="other", is_staff=True)
    response = client.post(LOGIN, {"username": "other", "password": PASSWORD})
    assert response.status_code == 302


def test_forwarded_for_does_not_escape_a_lockout(client, boss):
    for n in range(3):
        log_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_locked_out(client, boss, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for _ in range(3):
        log_in(client, "wrong", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


@pytest.mark.parametrize(
    "command", [["axes_reset_username", "boss"], ["axes_reset_ip_username", "127.0.0.1", "boss"]]
)
def test_unlocked_by_command(client, boss, command):
    lock_out(client)
    call_command(*command)
    assert log_in(client, PASSWORD).status_code == 302


def test_unlocked_by_a_superuser_in_the_admin(client, boss, superuser_client):
    lock_out(client)
    attempt = AccessAttempt.objects.get(username="boss")
    changelist = superuser_client.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert "boss" in changelist.content.decode()
    response = superuser_client.post(
        f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert log_in(client, PASSWORD).status_code == 302


def test_editors_cannot_see_or_unlock_lockouts(client, boss, editor_client):
    lock_out(client)
    attempt = AccessAttempt.objects.get(username="boss")
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403
    delete = f"/admin/axes/accessattempt/{attempt.pk}/delete/"
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(content_type__app_label="axes").exists()


def test_the_login_form_still_answers_a_get_when_locked_out(client, boss):
    lock_out(client)
    assert client.get(LOGIN).status_code == 200


def run_settings(**env) -> subprocess.CompletedProcess:
    # DEBUG off would need a SECRET_KEY.
    return fresh_settings("s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME", DEBUG="true", **env)


def test_limit_and_lockout_come_from_the_environment():
    defaults = run_settings(LOGIN_FAILURE_LIMIT="", LOGIN_LOCKOUT_MINUTES="")
    assert defaults.stdout.split() == ["5", "0:15:00"]
    chosen = run_settings(LOGIN_FAILURE_LIMIT="10", LOGIN_LOCKOUT_MINUTES="60")
    assert chosen.stdout.split() == ["10", "1:00:00"]


@pytest.mark.parametrize(
    ("name", "nonsense"),
    [
        ("LOGIN_FAILURE_LIMIT", "0"),
        ("LOGIN_FAILURE_LIMIT", "five"),
        ("LOGIN_LOCKOUT_MINUTES", "-5"),
    ],
)
def test_nonsense_stops_start_up(name, nonsense):
    result = run_settings(**{name: nonsense})
    assert result.returncode != 0
    assert f"{name} must be" in result.stderr
