"""Smoke test of `make serve`: production settings under gunicorn, started, fetched, stopped."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "server.log"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "smoke-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('db') / 'marquee.sqlite3'}",
        "REDIS_URL": "",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; TLS is the proxy's job
        "SECURE_PROXY_SSL_HEADER_NAME": "HTTP_X_FORWARDED_PROTO",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "LOG_FORMAT": "json",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([sys.executable, "manage.py", "load_demo", "-v0"], cwd=ROOT, env=env, check=True)
    with log.open("w") as output:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                pytest.fail(f"make serve exited: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        else:
            pytest.fail(f"make serve did not answer: {log.read_text()[-2000:]}")
        yield base, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_pages_are_served(served):
    base, _ = served
    for path in ("/", "/films/ballerina-2025/", "/people/keanu-reeves/", "/films/", "/reviews/"):
        status, headers, body = fetch(base + path)
        assert status == 200, path
        assert b"Marquee" in body


def test_security_headers(served):
    base, _ = served
    # As the TLS-terminating proxy would send it: HSTS is only for HTTPS responses.
    status, headers, body = fetch(base + "/films/ballerina-2025/", **{"X-Forwarded-Proto": "https"})
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp  # no inline script; JSON-LD is a data block
    assert b'<script type="application/ld+json">' in body
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_secure_cookies(served):
    base, _ = served
    _, headers, _ = fetch(base + "/admin/login/")
    cookie = headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_static_files_have_far_future_cache_headers(served):
    base, _ = served
    _, _, body = fetch(base + "/")
    css = body.decode().split('rel="stylesheet" href="')[1].split('"')[0]
    assert css.startswith("/static/css/site.") and css != "/static/css/site.css"  # hashed
    status, headers, _ = fetch(base + css)
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]


def test_health_check_and_json_request_log(served):
    base, log = served
    status, _, body = fetch(base + "/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    fetch(base + "/films/")
    time.sleep(0.5)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("logger") == "marquee.requests"]
    assert any(r["path"] == "/films/" and r["status"] == 200 for r in requests)
    assert all(isinstance(r["duration_ms"], float | int) for r in requests)
