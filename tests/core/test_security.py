import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import FilmFactory

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-real-secret-" + "k" * 50,
    "ALLOWED_HOSTS": "marquee.example",
    "CSRF_TRUSTED_ORIGINS": "https://marquee.example",
    "SITE_URL": "https://marquee.example",
    "SECURE_HSTS_PRELOAD": "true",
}


def test_check_deploy_reports_no_issues_with_the_documented_production_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        # (The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; no deployment does.)
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_every_page_has_a_strict_csp_and_a_nonce_on_its_json_ld(client):
    film = FilmFactory()
    response = client.get(film.get_absolute_url())
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "'unsafe-inline'" not in script_src
    nonce = script_src.split("'nonce-")[1].rstrip("' ")
    html = response.content.decode()
    assert f'<script type="application/ld+json" nonce="{nonce}">' in html
    assert html.count("<script") == html.count(f'nonce="{nonce}"') + html.count("<script src=")
    assert client.get(film.get_absolute_url())["Content-Security-Policy"] != csp  # fresh nonce


@pytest.mark.django_db
def test_security_headers_on_every_response(client):
    for url in ("/", "/films/", "/no-such-page/", "/healthz"):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_healthz_is_200_when_all_is_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "cache": True}}


@pytest.mark.django_db
def test_healthz_is_503_without_details_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": True, "cache": False},
    }
    assert "redis" not in response.content.decode().lower()
