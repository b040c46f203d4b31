"""PostgreSQL stopped under requests, then restarted, beneath gunicorn with production settings.

While it is down, cached anonymous pages still answer 200; everything else answers a clean 503
(the site's page, or the API's JSON error) with Retry-After, and /healthz 503; nothing answers
500. Once it is back, everything answers 200 again from the same workers. The test runs a
PostgreSQL cluster of its own (initdb / pg_ctl on a free port) and stops only that one.
"""

import http.cookiejar
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2
# Read before the outage, so the page cache holds them (PAGE_CACHE_SECONDS is 60).
WARMED_PAGES = ["/", "/films/", "/films/ballerina-2025/", "/people/keanu-reeves/", "/reviews/"]
WARMED_API = ["/api/v1/films/", "/api/v1/films/ballerina-2025/"]
# Never read before the outage.
COLD_PAGES = ["/films/hot-fuzz-2007/", "/films/?year=2021", "/people/", "/search/?q=sparrow"]
COLD_API = ["/api/v1/people/", "/api/v1/reviews/", "/api/v1/films/hot-fuzz-2007/"]
BAD_TOKEN = {"Authorization": "Token 0123456789abcdef0123456789abcdef01234567"}
API_OUTAGE = {
    "error": {
        "status": 503,
        "code": "service_unavailable",
        "message": "The database is unavailable. Please try again in a moment.",
        "fields": {},
    }
}


class Answer:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"<{self.status} {self.headers.get('Content-Type')} {self.body[:200]!r}>"


def direct_opener(*handlers) -> urllib.request.OpenerDirector:
    """Straight to 127.0.0.1, whatever proxy the environment names."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), *handlers)


def request(url: str, data: bytes | None = None, method: str = "GET", opener=None, **headers):
    prepared = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with (opener or direct_opener()).open(prepared, timeout=15) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_pids(master: int) -> set[int]:
    """gunicorn's workers: the processes whose parent is its master (Linux /proc)."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state_and_parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except OSError:
            continue
        if int(state_and_parent[1]) == master:
            pids.add(int(stat.parent.name))
    return pids


class Cluster:
    """A PostgreSQL cluster in its own folder, on its own port. As root, commands run as the
    postgres user (initdb refuses root)."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.url = f"postgres://postgres@127.0.0.1:{port}/postgres"

    def run(self, *command: str) -> None:
        subprocess.run([*self.as_postgres, *command], check=True, capture_output=True, timeout=60)

    def create(self) -> None:
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
        self.run("initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres",
                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-o", options,
                 "-l", str(self.folder / "log"), "-w", "-t", "30", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", mode, "-w", "-t", "30", "stop")

    def kill(self) -> None:
        """In cleanup: stop it whatever state it is in."""
        if not (self.folder / "data" / "postmaster.pid").exists():
            return
        try:
            self.stop("immediate")
        except (subprocess.SubprocessError, OSError):
            pid = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def cluster():
    missing = [name for name in ("initdb", "pg_ctl") if shutil.which(name) is None]
    if os.geteuid() == 0:
        missing += [] if shutil.which("runuser") else ["runuser"]
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            missing.append("a postgres user")
    if missing:
        reason = f"the PostgreSQL outage test needs {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {reason}")
        pytest.skip(f"{reason} (apt-get install postgresql)")
    # Not pytest's tmp_path: its parents are closed to the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="marquee-outage-"))
    cluster = Cluster(folder, free_port())
    try:
        cluster.create()
        cluster.start()
        yield cluster
    finally:
        cluster.kill()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server_environment(cluster, tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "PAGE_CACHE_SECONDS", "CONN_MAX_AGE"}
    }
    environment.update(
        DEBUG="false",
        SECRET_KEY="outage-test-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        DATABASE_URL=cluster.url,
        REDIS_URL="",  # the file cache, shared by the workers
        CACHE_DIR=str(tmp_path / "cache"),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        API_THROTTLE_ANON="none",  # every request comes from 127.0.0.1
        API_THROTTLE_USER="none",
        BIND=f"127.0.0.1:{free_port()}",
        WEB_CONCURRENCY=str(WORKERS),
    )
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command, "-v0"],
                       cwd=ROOT, env=environment, check=True, timeout=300)  # fmt: skip
    return environment


@pytest.fixture
def served(server_environment, tmp_path):
    """gunicorn as `make serve` runs it: its base URL, its master process and its log."""
    log = tmp_path / "gunicorn.log"
    base = f"http://{server_environment['BIND']}"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi"]
            + ["--config", "config/gunicorn.py"],
            cwd=ROOT,
            env=server_environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        for _ in range(120):
            try:
                if request(base + "/healthz").status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {log.read_text()[-3000:]}")
            time.sleep(0.25)
        else:
            pytest.fail(f"gunicorn did not answer: {log.read_text()[-3000:]}")
        yield base, server, log
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)


class Traffic(threading.Thread):
    """Requests every kind of URL in a loop, from before the outage until after recovery,
    and keeps every status: whatever moment the database goes, nothing may answer 500."""

    def __init__(self, base: str, seconds: float = 120, most: int = 5_000) -> None:
        super().__init__(daemon=True)
        self.base, self.deadline, self.most = base, time.monotonic() + seconds, most
        self.stopping = threading.Event()
        self.statuses: dict[str, set[int | str]] = {}
        self.last: dict[str, int | str] = {}
        self.count = 0

    # Cached copies, and (with a fresh query each time) pages and API answers never cached.
    CACHED = ["/films/", "/api/v1/films/"]
    UNCACHED = ["/films/?n={n}", "/search/?q=wick&n={n}", "/api/v1/people/?n={n}", "/healthz"]
    URLS = CACHED + UNCACHED

    def run(self) -> None:
        for count in range(self.most):
            if self.stopping.is_set() or time.monotonic() > self.deadline:
                return
            url = self.URLS[count % len(self.URLS)]
            try:
                status = request(self.base + url.format(n=count)).status
            except OSError as error:  # a refused or timed-out request is a failure too
                status = type(error).__name__
            self.statuses.setdefault(url, set()).add(status)
            self.last[url] = status
            self.count = count + 1

    def saw(self, status: int, urls: list[str]) -> bool:
        return all(status in self.statuses.get(url, ()) for url in urls)

    def stop(self) -> dict[str, set[int]]:
        self.stopping.set()
        self.join(timeout=30)
        return self.statuses


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def admin_login(base: str) -> Answer:
    """A wrong password posted to the admin's login form, with its CSRF token."""
    cookies = http.cookiejar.CookieJar()
    opener = direct_opener(urllib.request.HTTPCookieProcessor(cookies))
    form = request(base + "/admin/login/", opener=opener)
    assert form.status == 200, form
    token = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "nobody", "password": "wrong"}
    )
    return request(base + "/admin/login/", body.encode(), "POST", opener=opener)


@pytest.mark.postgres
def test_a_database_outage_answers_503_and_the_workers_recover(cluster, served):
    base, server, log = served
    for url in WARMED_PAGES + WARMED_API:
        assert request(base + url).status == 200, url
    for url in WARMED_PAGES:
        assert request(base + url).headers["X-Page-Cache"] == "hit", url
    workers = worker_pids(server.pid)
    assert len(workers) == WORKERS

    traffic = Traffic(base)
    traffic.start()
    try:
        assert wait_until(lambda: traffic.count >= len(Traffic.URLS), seconds=30)
        started = time.monotonic()
        cluster.stop("fast")  # the outage, under requests
        stopped_in = time.monotonic() - started

        down = {url: request(base + url) for url in WARMED_PAGES + WARMED_API + COLD_PAGES}
        down.update({url: request(base + url) for url in COLD_API})
        down_write = request(base + "/api/v1/genres/", b'{"name": "Noir"}', "POST",
                             **BAD_TOKEN, **{"Content-Type": "application/json"})  # fmt: skip
        down_token_read = request(base + "/api/v1/films/", **BAD_TOKEN)
        down_login = admin_login(base)
        down_healthz = request(base + "/healthz")
        wait_until(lambda: traffic.saw(503, Traffic.UNCACHED), seconds=30)

        started = time.monotonic()
        cluster.start()  # recovery; gunicorn is not touched
        started_in = time.monotonic() - started
        up = {url: request(base + url) for url in COLD_PAGES + COLD_API + WARMED_PAGES}
        up_healthz = request(base + "/healthz")
        up_token_read = request(base + "/api/v1/films/", **BAD_TOKEN)
        up_login = admin_login(base)
        recovered_at = traffic.count
        wait_until(lambda: traffic.count >= recovered_at + len(Traffic.URLS), seconds=30)
    finally:
        during = traffic.stop()
    print(f"\nstopped in {stopped_in:.2f} s, started in {started_in:.2f} s")
    print(f"{traffic.count} requests under traffic:", during)

    for url in WARMED_PAGES:
        assert down[url].status == 200, (url, down[url])
        assert down[url].headers["X-Page-Cache"] == "hit"
    for url in WARMED_API:
        assert down[url].status == 200, (url, down[url])
    for url in COLD_PAGES:
        answer = down[url]
        assert answer.status == 503, (url, answer)
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
        assert answer.headers["Retry-After"] == "30"
        assert answer.headers["Cache-Control"] == "no-store"
        html = answer.body.decode()
        assert "We’ll be back in a moment" in html
        assert '<header class="site-header">' in html
        assert "/static/css/site." in html  # the site's stylesheet, from the manifest
    for answer in [*(down[url] for url in COLD_API), down_write, down_token_read]:
        assert answer.status == 503, answer
        assert answer.headers["Content-Type"] == "application/json"
        assert answer.headers["Retry-After"] == "30"
        assert answer.json() == API_OUTAGE
    assert down_login.status == 503, down_login
    assert down_healthz.status == 503
    assert down_healthz.json()["status"] == "unavailable"

    # Right after recovery every request works: no worker kept a broken connection.
    for url, answer in up.items():
        assert answer.status == 200, (url, answer)
    assert up_healthz.status == 200
    assert up_healthz.json() == {"status": "ok", "checks": {"database": True, "cache": True}}
    assert up_token_read.status == 401, up_token_read
    assert up_login.status == 200, up_login  # the form again, with its error
    assert worker_pids(server.pid) == workers, "workers were restarted"

    assert all(during[url] == {200} for url in Traffic.CACHED), during
    assert all(during[url] == {200, 503} for url in Traffic.UNCACHED), during
    assert set(traffic.last.values()) == {200}, traffic.last
    assert "Internal Server Error" not in log.read_text()
