"""`make bench`: the site under load, on PostgreSQL with Redis and on SQLite.

For each backend: build the benchmark database (bench/dataset.py) once, start gunicorn with
the production settings, and drive each page with wrk (16 connections, 2 threads), with the
page and fragment caches warm, and cold (PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0).
Every figure is also given as a ratio to a bare Django view returning a constant response,
served by the same server in the same run; beside it, the floor: a page of one query in the
site's layout, the least an uncached page can do; and, cold, two floors of each page with a
target: its own SQL statements and bytes, replayed without the ORM or templates, and a page of
as many one-row queries. Then 60 s of load on the film page while an editor saves the film
through the admin, which must show on the next read, with zero errors. Results go to BENCHMARKS.md.

Environment: BENCH_SECONDS (per measurement, default 10), BENCH_LOAD_SECONDS (default 60),
BENCH_FILMS (default 100000; people, credits and reviews scale with it),
BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/marquee_bench),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/14).
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench-data"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
FILMS = int(os.environ.get("BENCH_FILMS", "100000"))
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/marquee_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
EDITOR = ("bench-editor", "bench-editor-password-1")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))  # each figure is the median of these
# Of the bare view's requests/s, and p99 (issue 20): warm, every page; cold, by page, against
# the peer's figures (PEER below) and the floor.
TARGET_WARM = 0.60
TARGET_P99_MS = {"warm": 20, "cold": 150}
TARGET_COLD = {
    "film": 0.06,
    "person": 0.10,
    "review": 0.06,
    "film list, filtered": 0.06,
    "search": 0.12,
    "API film list": 0.08,
    "API film detail": 0.08,
}
# danjac/movieclub on 58,788 real films, uncached, PostgreSQL, min–max of 6 rounds (issue 20).
PEER = {
    "film": "0.021–0.027",
    "person": "0.040–0.059",
    "film list, filtered": "0.014–0.022",
    "search": "0.004–0.012",
}

CEILING = "ceiling (bare Django view)"
FLOOR = "floor (one query, the site's layout)"
PAGES = {
    CEILING: "/bench/ceiling/",
    FLOOR: "/bench/floor/",
    "home": "/",
    "film": "/films/ballerina-2025/",
    "person": "/people/keanu-reeves/",
    "review": "/reviews/ballerina-pirouettes-on-borrowed-steps/",
    "film list, filtered": "/films/?decade=2010&genre=action&sort=-year",
    "search": "/search/?q=wick",
    "API film list": "/api/v1/films/",
    "API film detail": "/api/v1/films/ballerina-2025/",
}
# Each cold target's page, as its necessary work: the same statements and bytes (bench_replay);
# and the least a Django page making as many queries can do (bench_floor's ?queries=).
NEEDS = " (its SQL and bytes alone)"
AS_MANY = " (as many one-row ORM queries, the layout)"
REPLAYS = {
    name + NEEDS: "/bench/replay/?" + urllib.parse.urlencode({"page": PAGES[name]})
    for name in TARGET_COLD
}
DEEP_PAGE_NUMBER = 500  # the last page number of 20 rows (the API caps page numbers at 10,000 rows)
LAST_PAGE_SCRIPT = """
from api.pagination import Pagination
from core.keyset import Sort
from films.models import Film
films = Sort(Film.objects.all())
print(films.encode(films.ordered()[Film.objects.count() - Pagination.page_size - 1]))
"""


def deep_pages(env: dict) -> dict[str, str]:
    """The API film list's last page, by the cursor its next links lead to, and its deepest
    page number: each should cost what page 1 does. (The cursor is the shell's last word: it
    first reports what it imported.)"""
    cursor = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", LAST_PAGE_SCRIPT],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    return {
        "film list": "/films/",
        "film list, last page": "/films/?page=999999",  # past the end: the last page
        "API film list, last page (cursor)": f"/api/v1/films/?cursor={cursor}",
        f"API film list, page {DEEP_PAGE_NUMBER}": f"/api/v1/films/?page={DEEP_PAGE_NUMBER}",
    }


def base_env(database_url: str, redis_url: str) -> dict:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "b" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "BENCHMARK_CEILING": "true",
        "API_THROTTLE_ANON": "none",  # a benchmark from one address measures serving, not 429s
        "API_THROTTLE_USER": "none",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "WARNING",
        "REQUEST_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CACHE_DIR": str(DATA / "cache"),  # the file cache, when there is no Redis
    }


def empty_caches(env: dict) -> None:
    """Start each backend's run with nothing cached by an earlier run (or an earlier build)."""
    if env["REDIS_URL"]:
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    shutil.rmtree(env["CACHE_DIR"], ignore_errors=True)


def prepare(env: dict) -> None:
    scale = FILMS / 100_000
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.dataset",
            "--films",
            str(FILMS),
            "--people",
            str(int(200_000 * scale)),
            "--credits",
            str(int(1_000_000 * scale)),
            "--reviews",
            str(int(20_000 * scale)),
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        check=True,
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.contrib.auth.models import Group, User\n"
            f"user, _ = User.objects.get_or_create(username={EDITOR[0]!r})\n"
            "user.is_staff = True\n"
            f"user.set_password({EDITOR[1]!r}); user.save()\n"
            "user.groups.add(Group.objects.get(name='Editors'))",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        check=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--config", "config/gunicorn.py"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL,
            stderr=(DATA / "server.log").open("a"),
            start_new_session=True,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)  # noqa: S310
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url: str, seconds: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": errors,
    }


def warm_up(url: str, label: str, name: str) -> str | None:
    """Read ``url`` once; its X-Statements header. A page that fails is reported, not the end
    of the run."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            response.read()
            return response.headers.get("X-Statements")
    except urllib.error.HTTPError as error:
        print(f"{label} {name}: HTTP {error.code}", file=sys.stderr)
        return None


def measure(env: dict, label: str, pages: dict[str, str]) -> list[dict]:
    """Each page ROUNDS times, a round over every page at a time; the median of each figure."""
    rows = []
    cold = {"FRAGMENT_CACHE_SECONDS": "0", "PAGE_CACHE_SECONDS": "0"}
    for cache_state, extra in (("warm", {}), ("cold", cold)):
        server = Server({**env, **extra})
        pages_now, statements = dict(pages), {}
        try:
            for name, path in pages.items():
                warm_up(server.url + path, label, name)
            if cache_state == "cold":  # each target's page as its statements, and as many
                for name, path in REPLAYS.items():  # one-row queries in the layout
                    statements[name] = count = warm_up(server.url + path, label, name)
                    if count:
                        page = name.removesuffix(NEEDS)
                        pages_now[name] = path
                        pages_now[page + AS_MANY] = f"/bench/floor/?queries={count}"
                        statements[page + AS_MANY] = count
            runs = {name: [] for name in pages_now}
            for _ in range(ROUNDS):
                for name, path in pages_now.items():
                    runs[name].append(wrk(server.url + path, SECONDS))
            for name, results in runs.items():
                result = {key: statistics.median(r[key] for r in results) for key in results[0]}
                result["errors"] = sum(r["errors"] for r in results)
                result["statements"] = statements.get(name)
                rows.append({"backend": label, "cache": cache_state, "page": name, **result})
                print(f"{label:10} {cache_state:4} {name:28} {result}", file=sys.stderr)
        finally:
            server.stop()
    return rows


def editor_saves_film_under_load(env: dict) -> dict:
    """60 s of wrk on the film page; meanwhile an editor changes the logline in the admin."""
    server = Server(env)
    try:
        result = {}
        load = threading.Thread(
            target=lambda: result.update(wrk(server.url + PAGES["film"], LOAD_SECONDS))
        )
        load.start()
        time.sleep(min(5, LOAD_SECONDS / 4))
        new_logline = f"Logline saved under load at {datetime.now(UTC):%H:%M:%S.%f}."
        saved, seen = admin_save_logline(server.url, new_logline)
        load.join()
        return {**result, "admin save": saved, "shown on next read": seen}
    finally:
        server.stop()


def admin_save_logline(base: str, logline: str) -> tuple[bool, bool]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def csrf(html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    login = opener.open(base + "/admin/login/").read().decode()
    opener.open(
        base + "/admin/login/?next=/admin/",
        urllib.parse.urlencode(
            {"csrfmiddlewaretoken": csrf(login), "username": EDITOR[0], "password": EDITOR[1]}
        ).encode(),  # fmt: skip
    )
    changelist = opener.open(base + "/admin/films/film/?q=Ballerina").read().decode()
    change_path = re.search(r'href="(/admin/films/film/\d+/change/)[^"]*"', changelist).group(1)
    form_html = opener.open(base + change_path).read().decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))
    fields.update(
        re.findall(r'<input type="(?:text|number)" name="([^"]+)"[^>]*?value="([^"]*)"', form_html)
    )
    for select in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form_html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        if chosen:
            fields[select.group(1)] = chosen.group(1)
    fields.update(re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', form_html, re.S))
    fields["logline"] = logline
    fields["_save"] = "Save"
    response = opener.open(base + change_path, urllib.parse.urlencode(fields, doseq=True).encode())
    saved = "/admin/films/film/" in response.url and "change" not in response.url
    page = urllib.request.urlopen(base + PAGES["film"]).read().decode()  # noqa: S310
    return saved, logline in page


def report(rows: list[dict], load: dict[str, dict]) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} CPU cores; {FILMS:,} films, {FILMS * 2:,} people, "
        f"{FILMS * 10:,} credits, {FILMS // 5:,} reviews. gunicorn sync workers = cores, "
        f"wrk -t2 -c16 -d{SECONDS}s. Ratio = requests/s ÷ the bare Django view's requests/s "
        "on the same server in the same run. Cold = page and fragment caches off (the film "
        "and people lists' counts are still counted once a catalogue version, as "
        "LIST_COUNT_SECONDS has it). The floor "
        "is the least an uncached page of this site can do: one query and the layout.",
        "",
        f"Each figure is the median of {ROUNDS} rounds. Targets (issue 20): warm, ratio at least "
        f"{TARGET_WARM} and p99 at most {TARGET_P99_MS['warm']} ms; cold, p99 at most "
        f"{TARGET_P99_MS['cold']} ms and the ratio the peer column's page lists; the last page of "
        "a list within 2x of the first (a ratio at least half the first page's); no errors.",
        "",
        "| backend | cache | page | req/s | p50 ms | p99 ms | ratio | target | errors | "
        "targets met |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        ceiling = next(
            r["rps"] for r in rows
            if r["backend"] == row["backend"] and r["cache"] == row["cache"]
            and r["page"] == CEILING
        )  # fmt: skip
        ratio = row["rps"] / ceiling
        target = target_ratio(rows, row, ceiling)
        missed = [
            *(["ratio"] if target is not None and ratio < target else []),
            *(["p99"] if row["p99"] > TARGET_P99_MS[row["cache"]] else []),
            *(["errors"] if row["errors"] else []),
        ]
        # The ceiling and the floor are yardsticks, not pages of the site.
        met = (
            "—"
            if row["page"] in {CEILING, FLOOR} or row["page"].endswith((NEEDS, AS_MANY))
            else "yes"
            if not missed
            else "no: " + ", ".join(missed)
        )
        lines.append(
            f"| {row['backend']} | {row['cache']} | {row['page']} | {row['rps']:.0f} | "
            f"{row['p50']:.1f} | {row['p99']:.1f} | {ratio:.3f} | "
            f"{'—' if target is None else f'{target:.3f}'} | {row['errors']} | {met} |"
        )
    lines += necessary_work(rows)
    lines += [
        "",
        "## The peer, uncached",
        "",
        "danjac/movieclub, an open-source Django film site with no cache, measured as above on "
        "58,788 real IMDb films (PostgreSQL), ratio min–max over 6 rounds (issue 20):",
        "",
        "| page | peer ratio | Marquee target, cold |",
        "| --- | ---: | ---: |",
        *(
            f"| {page} | {PEER.get(page, '—')} | {target:.2f} |"
            for page, target in TARGET_COLD.items()
        ),
    ]
    lines += ["", f"## {LOAD_SECONDS} s of load on the film page while an editor saves it", ""]
    lines += ["| backend | req/s | p99 ms | errors | admin save | shown on next read |",
              "| --- | ---: | ---: | ---: | --- | --- |"]  # fmt: skip
    for backend, result in load.items():
        lines.append(
            f"| {backend} | {result['rps']:.0f} | {result['p99']:.1f} | {result['errors']} | "
            f"{'yes' if result['admin save'] else 'NO'} | "
            f"{'yes' if result['shown on next read'] else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def necessary_work(rows: list[dict]) -> list[str]:
    """Each cold target beside two floors of its page: its own statements and bytes, and a
    page of as many one-row ORM queries in the layout. Under either, the target is out of
    reach for any code that sends those statements, or makes that many queries."""
    lines = [
        "",
        "## Cold targets against each page's necessary work",
        "",
        "Two floors of each page, cold. **Its SQL and bytes**: its own statements, sent as the "
        "page sent them, every row read, and its bytes sent through the same middleware; what "
        "is left if building queries, model instances and HTML cost nothing "
        "(`bench_replay` in sitewide/bench.py). **As many queries**: the layout and as many "
        "one-row ORM queries as the page makes (`bench_floor`, `?queries=`); the least a "
        "Django page making that many queries can do. Both are ratios to the bare view.",
        "",
        "| backend | page | statements | page | its SQL and bytes | as many queries | target "
        "| within reach |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    found = {(r["backend"], r["cache"], r["page"]): r for r in rows}
    for backend in dict.fromkeys(r["backend"] for r in rows):
        ceiling = found[(backend, "cold", CEILING)]["rps"]
        for page, target in TARGET_COLD.items():
            whole = found.get((backend, "cold", page))
            sql = found.get((backend, "cold", page + NEEDS))
            as_many = found.get((backend, "cold", page + AS_MANY))
            if not (whole and sql and as_many):
                continue
            ratios = [r["rps"] / ceiling for r in (whole, sql, as_many)]
            verdict = (
                "no: its SQL alone is under the target"
                if ratios[1] < target
                else "no: as many queries are under the target"
                if ratios[2] < target
                else "yes"
            )
            lines.append(
                f"| {backend} | {page} | {sql['statements']} | "
                + " | ".join(f"{ratio:.3f}" for ratio in ratios)
                + f" | {target:.2f} | {verdict} |"
            )
    return lines


def target_ratio(rows: list[dict], row: dict, ceiling: float) -> float | None:
    """The ratio ``row`` should reach: warm, TARGET_WARM; cold, its page's; a deep page, half
    its list's first page's (2x its time); None for the yardsticks and pages without one."""
    if row["page"] in {CEILING, FLOOR} or row["page"].endswith((NEEDS, AS_MANY)):
        return None
    if row["cache"] == "warm":
        return TARGET_WARM
    first_page = {"film list, last page": "film list"}.get(row["page"])
    if first_page is None and row["page"].startswith("API film list,"):
        first_page = "API film list"
    if first_page:
        first = next(
            r["rps"] for r in rows
            if (r["backend"], r["cache"], r["page"]) == (row["backend"], row["cache"], first_page)
        )  # fmt: skip
        return first / ceiling / 2
    return TARGET_COLD.get(row["page"])


def main() -> None:
    DATA.mkdir(exist_ok=True)
    backends = {
        "PostgreSQL + Redis": base_env(POSTGRES_URL, REDIS_URL),
        "SQLite": base_env(f"sqlite:///{DATA / 'site.sqlite3'}", ""),
    }
    subprocess.run(
        [sys.executable, "scripts/service_up.py", "postgres", POSTGRES_URL], cwd=ROOT, check=True
    )
    create_database(POSTGRES_URL)
    rows, load = [], {}
    for label, env in backends.items():
        prepare(env)
        empty_caches(env)
        rows += measure(env, label, PAGES | deep_pages(env))
        load[label] = editor_saves_film_under_load(env)
    text = report(rows, load)
    (ROOT / "BENCHMARKS.md").write_text(text)
    print(text)


def create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
