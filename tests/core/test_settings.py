"""Settings come from the environment and refuse nonsense. Each case imports the settings in a
fresh interpreter, as a server would."""

import os
import subprocess
import sys
from functools import partial

import pytest

from tests.fresh_settings import ROOT, fresh_settings

PRINTED = "s.DEBUG, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND']"


def load_settings(**env) -> subprocess.CompletedProcess:
    return fresh_settings(PRINTED, **env)


def test_local_defaults_need_nothing():
    result = load_settings(DATABASE_URL="", REDIS_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True", "django.db.backends.sqlite3", "django.core.cache.backends.locmem.LocMemCache"
    ]  # fmt: skip


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_production_with_a_secret_key_starts():
    result = load_settings(DEBUG="false", SECRET_KEY="x" * 50, DATABASE_URL="", REDIS_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_served_workers_keep_their_database_connection_and_runserver_does_not():
    conn_max_age = partial(
        subprocess.run,
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.DATABASES['default']['CONN_MAX_AGE'])",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "CONN_MAX_AGE"}}
    served = {**base, "DEBUG": "false", "SECRET_KEY": "x" * 50}
    assert conn_max_age(env=served).stdout.strip() == "60"
    assert conn_max_age(env={**base, "DEBUG": "true"}).stdout.strip() == "0"
    assert conn_max_age(env={**served, "CONN_MAX_AGE": "0"}).stdout.strip() == "0"


def test_production_without_redis_shares_a_file_cache_between_workers(tmp_path):
    """Each gunicorn worker's memory is its own: a save must reach the others' copies."""
    result = load_settings(
        DEBUG="false", SECRET_KEY="x" * 50, REDIS_URL="", CACHE_DIR=str(tmp_path / "cache")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2] == "django.core.cache.backends.filebased.FileBasedCache"
    worker = (
        "import django; django.setup(); from django.core.cache import cache; "
        "import sys; print(cache.get('k')); cache.set('k', sys.argv[1])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "REDIS_URL": "",
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    run = partial(subprocess.run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert run([sys.executable, "-c", worker, "first"]).stdout.strip() == "None"
    assert run([sys.executable, "-c", worker, "second"]).stdout.strip() == "first"


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_nonsense_debug_value_is_an_error(value):
    result = load_settings(DEBUG=value)
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_database_and_redis_urls_are_used():
    result = load_settings(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/marquee",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == [
        "django.db.backends.postgresql", "core.rediscache.RedisCache"
    ]  # fmt: skip


def test_postgresql_runs_without_jit_unless_the_url_says_otherwise():
    options = "s.DATABASES['default']['OPTIONS']['options']"
    url = "postgres://postgres@127.0.0.1:5432/marquee"
    assert fresh_settings(options, DATABASE_URL=url).stdout.strip() == "-c jit=off"
    chosen = fresh_settings(options, DATABASE_URL=url + "?options=-c%20jit%3Don")
    assert chosen.stdout.strip() == "-c jit=on"


@pytest.mark.django_db
def test_the_connection_has_jit_off_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
