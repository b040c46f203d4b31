"""A cache is only a cache: with Redis stopped or hung, pages and the API answer 200 from the
database, /healthz stays 200 ("degraded"), and the log gets a warning a minute, not a line per
request. The fault test starts its own redis-server on a free port, and kills only that."""

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from core import health
from core import logging as core_logging
from core.logging import CacheErrorAsWarning, OncePerInterval

ROOT = Path(__file__).resolve().parents[2]


def record(name: str = "marquee.cache", msg: str = "Exception ignored", **kwargs):
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, (), kwargs.get("exc_info"))


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(core_logging, "monotonic", clock)
    return clock


def test_once_per_interval_lets_one_record_through_per_interval(clock):
    once = OncePerInterval(seconds=60)
    assert once.filter(record())
    clock.now += 59
    assert not once.filter(record())
    clock.now += 1
    assert once.filter(record())
    assert not once.filter(record())


def test_once_per_interval_counts_each_logger_and_message_apart(clock):
    once = OncePerInterval()
    assert once.seconds == 60
    assert once.filter(record())
    assert once.filter(record(msg="Health check: cache unreachable"))
    assert once.filter(record(name="other"))
    assert not once.filter(record(msg="Health check: cache unreachable"))


def test_cache_error_becomes_a_one_line_warning():
    try:
        try:
            raise ConnectionRefusedError("Connection refused")
        except ConnectionRefusedError as cause:
            raise RuntimeError("interrupted") from cause
    except RuntimeError:
        error_record = record(exc_info=sys.exc_info())

    assert CacheErrorAsWarning().filter(error_record)
    assert error_record.levelname == "WARNING"
    assert error_record.exc_info is None
    assert error_record.getMessage() == (
        "Cache unreachable, serving from the database: ConnectionRefusedError: Connection refused"
    )
    assert "Traceback" not in logging.Formatter().format(error_record)


def test_settings_rate_limit_the_cache_logger():
    cache_logger = logging.getLogger("marquee.cache")
    assert cache_logger.level == logging.WARNING
    assert any(isinstance(f, OncePerInterval) and f.seconds == 60 for f in cache_logger.filters)


@pytest.fixture
def cache_warnings(monkeypatch, caplog):
    """The cache warnings /healthz logs, without the minute's rate limit of earlier tests."""
    monkeypatch.setattr(logging.getLogger("marquee.cache"), "filters", [])
    caplog.set_level(logging.WARNING, logger="marquee.cache")
    return lambda: [r for r in caplog.records if r.name == "marquee.cache"]


def call_healthz():
    response = health.healthz(RequestFactory().get("/healthz"))
    assert response["Cache-Control"] == "no-store"
    return response.status_code, json.loads(response.content)


@pytest.mark.django_db
def test_healthz_ok(cache_warnings):
    assert call_healthz() == (200, {"status": "ok", "checks": {"database": True, "cache": True}})
    assert cache_warnings() == []


@pytest.mark.django_db
def test_healthz_degraded_when_the_cache_returns_nothing(settings, cache_warnings):
    # What django-redis with IGNORE_EXCEPTIONS does while Redis is down: no error, no value.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert call_healthz() == (
        200,
        {"status": "degraded", "checks": {"database": True, "cache": False}},
    )
    assert [r.levelname for r in cache_warnings()] == ["WARNING"]


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("Connection refused")

    get = set


@pytest.mark.django_db
def test_healthz_degraded_when_the_cache_raises(monkeypatch, cache_warnings):
    monkeypatch.setattr(health, "cache", BrokenCache())
    assert call_healthz() == (
        200,
        {"status": "degraded", "checks": {"database": True, "cache": False}},
    )
    assert "ConnectionError: Connection refused" in cache_warnings()[0].getMessage()


class BrokenConnection:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_healthz_unavailable_without_the_database(monkeypatch, caplog):
    monkeypatch.setattr(health, "connection", BrokenConnection())
    assert call_healthz() == (
        503,
        {"status": "unavailable", "checks": {"database": False, "cache": True}},
    )
    assert "Health check: database unreachable" in caplog.text


def test_after_a_failure_redis_is_not_asked_again_for_a_while(monkeypatch):
    from django_redis.exceptions import ConnectionInterrupted

    from core.rediscache import SteppingAside

    class Client:
        calls = 0

        def get(self, key):
            Client.calls += 1
            if key == "down":
                raise ConnectionInterrupted(connection=None)
            return "value"

    now = [100.0]
    monkeypatch.setattr("core.rediscache.time.monotonic", lambda: now[0])
    client = SteppingAside(Client(), seconds=5)
    assert client.get("up") == "value"
    with pytest.raises(ConnectionInterrupted):
        client.get("down")
    with pytest.raises(ConnectionInterrupted):
        client.get("up")  # not asked: it failed moments ago
    assert Client.calls == 2
    now[0] += 5
    assert client.get("up") == "value"
    assert Client.calls == 3


# The fault test: a real Redis, killed, restarted and hung under a real gunicorn.

URLS = [
    "/",
    "/films/",
    "/films/ballerina-2025/",
    "/people/keanu-reeves/",
    "/reviews/",
    "/search/?q=wick",
    "/api/v1/films/",
    "/api/v1/films/ballerina-2025/",
]
SLOWEST_ANSWER = 2.0  # seconds; a hung Redis costs a worker one socket timeout now and then
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes, float]:
    started = time.monotonic()
    request = urllib.request.Request(url)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return status, body, time.monotonic() - started


def redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(port: int, log: Path) -> subprocess.Popen:
    with log.open("a") as output:
        redis = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    for _ in range(50):
        if redis_answers(port):
            return redis
        if redis.poll() is not None:
            break
        time.sleep(0.1)
    redis.kill()
    pytest.fail(f"redis-server did not answer on port {port}: {log.read_text()[-2000:]}")


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.kill()  # stopped (SIGSTOP) or not
        process.wait(timeout=10)


def visit_every_url(base: str, rounds: int = 2) -> dict:
    """Each URL `rounds` times (the second may come from the cache): statuses and the slowest."""
    statuses, seconds = {}, {}
    for _ in range(rounds):
        for url in URLS:
            status, _, took = fetch(base + url)
            statuses.setdefault(url, []).append(status)
            seconds[url] = round(max(seconds.get(url, 0.0), took), 3)
    return {"statuses": statuses, "seconds": seconds, "slowest": max(seconds.values())}


def healthz(base: str) -> tuple[int, dict]:
    status, body, _ = fetch(base + "/healthz")
    return status, json.loads(body)


def manage(env: dict, *args: str) -> None:
    command = [sys.executable, "manage.py", *args, "-v0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=300)


def logged_cache_warnings(server_log: Path) -> list[dict]:
    lines = [json.loads(line) for line in server_log.read_text().splitlines() if line[:1] == "{"]
    return [line for line in lines if line.get("logger") == "marquee.cache"]


@pytest.fixture
def redis_server_binary():
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI: redis-server must be on PATH for the cache outage test")
        pytest.skip("redis-server is not on PATH (apt-get install redis-server)")


@pytest.mark.redis
def test_pages_and_api_survive_redis_stopped_and_hung(redis_server_binary, tmp_path):
    redis_port, web_port = free_port(), free_port()
    base = f"http://127.0.0.1:{web_port}"
    server_log, redis_log = tmp_path / "gunicorn.log", tmp_path / "redis.log"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "PAGE_CACHE_SECONDS", "LOG_LEVEL"}
        and not k.startswith("REDIS_")
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="test",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        DATABASE_URL=f"sqlite:///{tmp_path / 'marquee.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        STATIC_ROOT=str(tmp_path / "static"),
        LOG_FORMAT="json",
    )
    redis = server = None
    phases = {}
    try:
        redis = start_redis(redis_port, redis_log)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")  # DEBUG off serves hashed names (manifest)
        with server_log.open("w") as output:
            server = subprocess.Popen(
                [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi"]
                + ["-b", f"127.0.0.1:{web_port}", "-w", str(WORKERS)],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        for _ in range(120):
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {server_log.read_text()[-3000:]}")
            time.sleep(0.25)
        else:
            pytest.fail(f"gunicorn did not answer: {server_log.read_text()[-3000:]}")

        phases["up"] = visit_every_url(base)
        phases["up"]["healthz"] = healthz(base)

        redis.kill()
        redis.wait(timeout=10)
        outage_started = time.monotonic()
        phases["killed"] = visit_every_url(base)
        phases["killed"]["healthz"] = healthz(base)

        redis = start_redis(redis_port, redis_log)
        phases["restarted"] = visit_every_url(base)
        for _ in range(100):  # each worker asks Redis again CACHE_RETRY_SECONDS after a failure
            phases["restarted"]["healthz"] = healthz(base)
            if phases["restarted"]["healthz"][1]["checks"]["cache"]:
                break
            time.sleep(0.1)
        assert phases["restarted"]["healthz"][1]["checks"]["cache"], "Redis never used again"

        os.kill(redis.pid, signal.SIGSTOP)
        phases["hung"] = visit_every_url(base, rounds=1)  # each call waits for its timeout
        phases["hung"]["healthz"] = healthz(base)
        os.kill(redis.pid, signal.SIGCONT)
        outage_seconds = time.monotonic() - outage_started
        time.sleep(0.5)  # the last log lines reach the file
        warnings = logged_cache_warnings(server_log)
    finally:
        stop(redis)
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    for name, phase in phases.items():
        print(f"\n{name}: {phase['statuses']}\n  seconds {phase['seconds']}\n  {phase['healthz']}")
    print("cache warnings logged:", *(w["message"] for w in warnings), sep="\n  ")

    for name, phase in phases.items():
        assert all(set(s) == {200} for s in phase["statuses"].values()), (name, phase)
        assert phase["slowest"] < SLOWEST_ANSWER, (name, phase)
    cache_up = {"database": True, "cache": True}
    cache_down = {"database": True, "cache": False}
    assert phases["up"]["healthz"] == (200, {"status": "ok", "checks": cache_up})
    assert phases["killed"]["healthz"] == (200, {"status": "degraded", "checks": cache_down})
    assert phases["restarted"]["healthz"] == (200, {"status": "ok", "checks": cache_up})
    assert phases["hung"]["healthz"] == (200, {"status": "degraded", "checks": cache_down})

    # Dozens of failed cache calls; per worker, at most one line a minute for each message
    # (django-redis's ignored error, the health check's own).
    assert warnings, "the outage was not logged"
    assert all(w["level"] == "WARNING" for w in warnings), warnings
    minutes = 1 + int(outage_seconds // 60)
    assert len(warnings) <= WORKERS * 2 * minutes, warnings
    assert "Traceback" not in server_log.read_text()
