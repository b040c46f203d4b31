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
def test_every_page_has_a_strict_csp_and_no_inline_script(client):
    film = FilmFactory()
    response = client.get(film.get_absolute_url())
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert script_src.strip() == "script-src 'self'"
    html = response.content.decode()
    # Only scripts from our origin, and the JSON-LD data block, which browsers never run.
    assert html.count("<script") == html.count('<script type="application/ld+json">') + html.count(
        "<script src="
    )
    assert html.count('<script type="application/ld+json">') == 1


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
