"""`make bench-import`: time ``manage.py import_imdb`` on a generated IMDb-sized dataset.

For each database, a fresh migrated database, then in a child process the import of the set
bench/imdb_generate.py makes (1,000,000 titles, 2,000,000 names, 5,000,000 principals by
default; made once, reused), then the same import again, which must write nothing. Each run
is timed on the wall clock, and its peak memory is the child's own maximum RSS (os.wait4).
Results are printed and written to bench-results/imdb-import.json.

    .venv/bin/python bench/imdb_import.py [--databases sqlite postgres] [--titles 1000000]
        [--names 2000000] [--principals 5000000] [--fast] [--live]

The import runs with --offline (no search index or page cache updates batch by batch, as for a
first import) unless --live is given.

Environment: BENCH_IMDB_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/marquee_bench_imdb; the database is dropped and made again).
"""

import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench-data"
RESULTS = ROOT / "bench-results" / "imdb-import.json"
POSTGRES_URL = os.environ.get(
    "BENCH_IMDB_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/marquee_bench_imdb"
)
COUNT_ROWS = """
import json
from films.models import AlternativeTitle, Credit, Film
from people.models import Person
print(json.dumps({
    "films": Film.objects.count(),
    "genre links": Film.genres.through.objects.count(),
    "people": Person.objects.count(),
    "credits": Credit.objects.count(),
    "alternative titles": AlternativeTitle.objects.count(),
}))
"""


def child_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "b" * 50,
    }


def manage(database_url: str, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(database_url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def fresh_database(name: str) -> str:
    """A new, migrated, empty database; its DATABASE_URL."""
    if name == "sqlite":
        path = DATA / "imdb-bench.sqlite3"
        for leftover in DATA.glob("imdb-bench.sqlite3*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    else:
        import psycopg

        server, database = POSTGRES_URL.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}"')
        url = POSTGRES_URL
    manage(url, "migrate", "--noinput", "-v0")
    return url


def timed_import(database_url: str, data: Path, options: list[str]) -> dict:
    """Run the import in a child process: wall time, the child's own peak RSS, its summary."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "manage.py", "import_imdb", str(data), "--no-progress", *options],
            cwd=ROOT,
            env=child_env(database_url),
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(child.pid, 0)  # rusage of this child alone
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    if child.returncode:
        sys.exit(f"import_imdb failed:\n{errors or output}")
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),  # kilobytes on Linux
        # The importer's own CPU time: what the wall time would be on an idle machine, less
        # the database server's share on PostgreSQL.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "summary": output.strip().splitlines(),
    }


def bench(name: str, data: Path, sizes: dict, options: list[str]) -> dict:
    started = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine()}
    url = fresh_database(name)
    print(f"{name}: importing {sizes['titles']:,} titles…", file=sys.stderr)
    first = timed_import(url, data, options)
    rows = json.loads(manage(url, "shell", "-v0", "-c", COUNT_ROWS))
    print(f"{name}: importing again (nothing to write)…", file=sys.stderr)
    again = timed_import(url, data, options)
    lines = sizes["titles"] + sizes["names"] + sizes["principals"] + sizes["titles"]  # + crew
    written = sum(rows.values())
    return started | {
        "database": name,
        "server": _server_version(name, url),
        "rows": rows,
        "first import": first
        | {
            "rows_per_second": round(written / first["seconds"]),
            "input_lines_per_second": round(lines / first["seconds"]),
        },
        "second import": again | {"input_lines_per_second": round(lines / again["seconds"])},
    }


def _server_version(name: str, url: str) -> str:
    if name == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as connection:
        return connection.execute("SHOW server_version").fetchone()[0].join(["PostgreSQL ", ""])


def machine() -> dict:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1) if found else ""
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "load_average_at_start": [round(load, 1) for load in os.getloadavg()],
    }


def report(results: list[dict]) -> str:
    lines = [
        f"{'':<10}{'rows written':>13}{'time':>8}{'its CPU':>9}{'rows/s':>9}{'peak RSS':>10}"
        f"  |{'again':>7}{'RSS':>8}"
    ]
    for result in results:
        first, again = result["first import"], result["second import"]
        lines.append(
            f"{result['database']:<10}{sum(result['rows'].values()):>13,}"
            f"{first['seconds']:>7.0f}s{first['cpu_seconds']:>8.0f}s"
            f"{first['rows_per_second']:>9,}{first['peak_rss_mb']:>7} MB"
            f"  |{again['seconds']:>6.0f}s{again['peak_rss_mb']:>5} MB"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--titles", type=int, default=1_000_000)
    parser.add_argument("--names", type=int, default=2_000_000)
    parser.add_argument("--principals", type=int, default=5_000_000)
    parser.add_argument("--fast", action="store_true", help="import with --fast")
    parser.add_argument("--live", action="store_true", help="import without --offline")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from bench.imdb_generate import generate

    sizes = {"titles": args.titles, "names": args.names, "principals": args.principals}
    data = DATA / f"imdb-{args.titles}-{args.names}-{args.principals}"
    started = time.monotonic()
    if generate(data, **sizes, seed=7):
        print(f"Generated the dataset in {time.monotonic() - started:.0f} s", file=sys.stderr)
    options = ["--fast"] if args.fast else []
    if not args.live:
        options.append("--offline")

    results = [bench(name, data, sizes, options) for name in args.databases]
    # Keep the other database's figures from an earlier run of the same set and options.
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if saved.get("sizes") == sizes and saved.get("options") == options:
        results += [old for old in saved["results"] if old["database"] not in args.databases]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"sizes": sizes, "options": options, "results": results}, indent=2)
    )
    print(
        f"import_imdb {' '.join(options)}: {args.titles:,} titles, {args.names:,} names, "
        f"{args.principals:,} principals; {os.cpu_count()} CPUs, load average "
        + ", ".join(f"{result['machine']['load_average_at_start'][0]}" for result in results)
        + " at the start of each run"
    )
    print(report(results))
    print(f"Details: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
