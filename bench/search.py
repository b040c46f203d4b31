"""`make bench-search`: search latency on SQLite and on PostgreSQL at 100,000 films, 200,000
people, 1,000,000 credits and 20,000 reviews, against the naive icontains search it replaced,
side by side in one run.

For each backend, in a child process of its own (Django's settings are per process): make the
benchmark database once (seeded, bulk inserts in batches; reused while it holds the size asked
for), build the search index with ``rebuild_search_index``, then time 50 representative
queries: the cases from the issue and seeded random ones (titles, title starts, names,
characters, one-typo words, title and year, single words). The service is timed as each of
its callers calls it, over several rounds after a warm-up: the API (``search(q)``, 20 of each
group, rows loaded), the search page (10 of each group and the reviews' highlighted snippets,
as search.views shows them) and the header suggestions; icontains once per query. Figures are
p50 and p95 in milliseconds.

Environment: BENCH_SEARCH_FILMS (default 100000; people, credits and reviews scale with it),
BENCH_SEARCH_ROUNDS (default 5), BENCH_SEARCH_REBUILD=1 (time a rebuild of an index that is
already there), BENCH_SEARCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/marquee_search_bench; skipped if nothing answers).
Results go to stdout and bench-results/search.md; the SQLite database is kept in
bench-results/ for the next run.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench-results"
FILMS = int(os.environ.get("BENCH_SEARCH_FILMS", "100000"))
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "5"))
REBUILD = os.environ.get("BENCH_SEARCH_REBUILD", "") not in ("", "0")
POSTGRES_URL = os.environ.get(
    "BENCH_SEARCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/marquee_search_bench"
)
# A smaller run gets databases of its own, so the full-size ones stay reusable.
SIZE_SUFFIX = "" if FILMS == 100_000 else f"_{FILMS}"
SEED = 20250606
BATCH = 5000

# The cases from the issue: a typo, part of a name, an accent, a swap, an original title, a
# title and year, a character, the word being typed.
ISSUE_QUERIES = [
    "balerina",
    "de armas",
    "amelie",
    "kenau reeves",
    "fabuleux destin",
    "ballerina 2025",
    "eve macarro",
    "balle",
]


def split_words(text: str) -> list[str]:
    return text.split()


COMMON_WORDS = split_words(
    "the of and a to in is it that for with as his her on at by an be this from they we "
    "after before when while where who what one two man woman night day life love death "
    "world time city house family father mother son daughter girl boy war story last first "
    "home road dark light new old young little great black white red blue secret king queen"
)
FIRST_NAMES = split_words(
    "Ana Ian Keanu Lance Norman Gabriel Anjelica Chad Sofia Marco Lea Jean Pierre Amélie Zoë "
    "Hiro Ingrid Omar Nadia Tomás Nora Ruth Felix Iris Mateo Elena Kofi José Björn Søren "
    "Chloé Renée Joaquín François Łukasz Agnès Maëlle Jürgen Ðorđe Ines Mia Leo Max Emma Noah "
    "Olivia Liam Ava Lucas Yuki Aiko Ravi Priya Sven Astrid Carmen Diego Fatima Karim Lena "
    "Paulo Tomasz Anya Dmitri Olga Sean Aoife Ciarán Siobhán Mbali Thabo Amara Chidi Ngozi"
)
SYLLABLES = split_words(
    "ka ri to ma ne lo sa vi ber an tel mor dri que zan lu pe fo gra hel in os ur el ast "
    "bri cor den fal gar hul jor kel lin mar nor par ros sal tor val wen yor zel ba cha do "
    "fe gi ho ju ki la mo nu pi ra se ti vo wa xe ya zo"
)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]) if len(sys.argv) > 4 else None)
        return
    RESULTS.mkdir(exist_ok=True)
    machine = describe_machine()
    print(f"Search benchmark: {FILMS:,} films on {machine}", flush=True)
    results = {}
    queries_from: list[str] = []
    for backend, url in (
        ("SQLite", f"sqlite:///{RESULTS / f'search-bench{SIZE_SUFFIX}.sqlite3'}"),
        ("PostgreSQL", POSTGRES_URL + SIZE_SUFFIX),
    ):
        if backend == "PostgreSQL" and not ensure_postgres_database(url):
            print(f"Skipping PostgreSQL: nothing answers at {url}.", flush=True)
            continue
        output = RESULTS / f"search-{backend.lower()}.json"
        environment = os.environ | {
            "DATABASE_URL": url,
            "DEBUG": "false",  # or Django keeps every query it runs in memory
            "SECRET_KEY": "benchmark-only-not-a-secret",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        print(f"\n== {backend} ==", flush=True)
        subprocess.run(
            [sys.executable, "-m", "bench.search", "--child", backend, str(output), *queries_from],
            cwd=ROOT,
            env=environment,
            check=True,
        )
        results[backend] = json.loads(output.read_text())
        queries_from = [str(output)]  # the same queries on every backend
    report = markdown(results, machine)
    (RESULTS / "search.md").write_text(report)
    print("\n" + report)
    print(f"Written to {(RESULTS / 'search.md').relative_to(ROOT)}")


# The child: one backend ------------------------------------------------------------------------


def child(backend: str, output: Path, queries_from: Path | None) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    built = generate_if_needed()
    index_seconds = build_index_if_needed(force=built)
    if queries_from:
        queries = json.loads(queries_from.read_text())["queries"]
    else:
        queries = representative_queries()
    timings = measure(queries)
    output.write_text(
        json.dumps(
            {
                "backend": backend,
                "counts": counts(),
                "index_seconds": index_seconds,
                "queries": queries,
                **timings,
            }
        )
    )


def counts() -> dict:
    from films.models import Credit, Film
    from people.models import Person
    from reviews.models import Review
    from search.models import SearchDocument, SearchTerm

    return {
        "films": Film.objects.count(),
        "people": Person.objects.count(),
        "credits": Credit.objects.count(),
        "reviews": Review.objects.count(),
        "documents": SearchDocument.objects.count(),
        "terms": SearchTerm.objects.count(),
    }


def generate_if_needed() -> bool:
    from films.models import Film

    if Film.objects.filter(slug__startswith="bench-").count() >= FILMS:
        print("Reusing the benchmark data already in the database.", flush=True)
        return False
    if Film.objects.exists():
        sys.exit("The benchmark database holds other data; drop it and run again.")
    started = time.monotonic()
    generate()
    print(f"Generated the data in {time.monotonic() - started:.0f}s.", flush=True)
    return True


def build_index_if_needed(*, force: bool) -> float | None:
    from django.core.management import call_command

    from films.models import Film
    from search.models import SearchDocument

    indexed = SearchDocument.objects.filter(kind="film").count() >= Film.objects.count()
    if indexed and not (force or REBUILD):
        print("Reusing the search index already built.", flush=True)
        return None
    started = time.monotonic()
    call_command("rebuild_search_index", verbosity=1)
    return round(time.monotonic() - started, 1)


class Words:
    """A seeded vocabulary: made-up words with a Zipf-like spread (a few common, most rare),
    so that words match as many records as they would in a real catalogue."""

    def __init__(self, rng: random.Random, size: int, offset: int):
        made = set()
        while len(made) < size:
            made.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4)))))
        self.words = sorted(made)
        rng.shuffle(self.words)
        weights = [1 / (rank + offset) for rank in range(size)]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.rng = rng

    def pick(self, count: int = 1) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)


def generate() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from films.models import Credit, Film
    from people.models import Person, surname_first
    from reviews.models import Review

    rng = random.Random(SEED)
    title_words = Words(rng, 30_000, offset=20)
    surnames = Words(rng, 40_000, offset=50)
    prose = Words(rng, 50_000, offset=5)
    people_count, credits_per_film, review_count = FILMS * 2, 10, FILMS // 5
    now = timezone.now()

    def sentence(low: int, high: int) -> str:
        length = rng.randint(low, high)
        picked = [
            rng.choice(COMMON_WORDS) if rng.random() < 0.55 else prose.pick()[0]
            for _ in range(length)
        ]
        return " ".join(picked).capitalize() + "."

    with transaction.atomic():
        author, _ = get_user_model().objects.get_or_create(
            username="bench-critic", defaults={"is_staff": True}
        )
        print("Films…", flush=True)
        films = []
        for n in range(FILMS):
            words = title_words.pick(rng.choice((1, 2, 2, 3, 3, 4)))
            if rng.random() < 0.3:
                words.insert(0, rng.choice(("the", "a", "night of the", "return of the")))
            title = " ".join(words).title()
            original = (
                " ".join(title_words.pick(rng.choice((2, 3)))).title() if rng.random() < 0.1 else ""
            )
            films.append(
                Film(
                    title=title,
                    original_title=original,
                    slug=f"bench-{n}",
                    year=rng.randint(1920, 2025),
                    logline=sentence(10, 20),
                )
            )
        films += [
            Film(title="Ballerina", original_title="From the World of John Wick: Ballerina",
                 slug="ballerina-2025", year=2025, logline=sentence(10, 20)),
            Film(title="Amélie", original_title="Le Fabuleux Destin d'Amélie Poulain",
                 slug="amelie-2001", year=2001, logline=sentence(10, 20)),
        ]  # fmt: skip
        Film.objects.bulk_create(films, batch_size=BATCH)
        film_ids = list(Film.objects.order_by("pk").values_list("pk", flat=True))

        print("People…", flush=True)
        people = [
            Person(
                name=f"{rng.choice(FIRST_NAMES)} {surnames.pick()[0].title()}",
                slug=f"bench-person-{n}",
            )
            for n in range(people_count)
        ]
        people += [
            Person(name="Ana de Armas", slug="ana-de-armas"),
            Person(name="Keanu Reeves", slug="keanu-reeves"),
            Person(name="Audrey Tautou", slug="audrey-tautou"),
        ]
        for person in people:
            person.sort_name = surname_first(person.name)
        Person.objects.bulk_create(people, batch_size=BATCH)
        person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))

        print("Credits…", flush=True)
        roles = ["director", "writer", "producer", "composer", "cinematographer", "editor"]
        batch: list[Credit] = []
        for film_id in film_ids:
            cast = rng.sample(person_ids, credits_per_film)
            for order, person_id in enumerate(cast, start=1):
                if order <= 7:
                    character = f"{rng.choice(FIRST_NAMES)} {surnames.pick()[0].title()}"
                    batch.append(Credit(film_id=film_id, person_id=person_id, role="cast",
                                        character=character, order=order))  # fmt: skip
                else:
                    batch.append(Credit(film_id=film_id, person_id=person_id,
                                        role=roles[order % len(roles)], order=1))  # fmt: skip
            if len(batch) >= BATCH * 2:
                Credit.objects.bulk_create(batch, batch_size=BATCH)
                batch = []
        ballerina, amelie = film_ids[-2], film_ids[-1]
        ana, keanu, audrey = person_ids[-3:]
        batch += [
            Credit(film_id=ballerina, person_id=ana, role="cast", character="Eve Macarro"),
            Credit(film_id=ballerina, person_id=keanu, role="cast", character="John Wick"),
            Credit(film_id=amelie, person_id=audrey, role="cast", character="Amélie Poulain"),
        ]
        Credit.objects.bulk_create(batch, batch_size=BATCH)

        print("Reviews…", flush=True)
        reviews = [
            Review(
                film_id=rng.choice(film_ids),
                author=author,
                byline="Bench Critic",
                headline=sentence(4, 9).rstrip("."),
                slug=f"bench-review-{n}",
                standfirst=sentence(12, 24),
                body="\n\n".join(sentence(20, 40) for _ in range(rng.randint(4, 8))),
                rating="3.5",
                status=Review.Status.PUBLISHED,
                published_at=now - timedelta(minutes=rng.randint(1, 5 * 365 * 24 * 60)),
            )
            for n in range(review_count)
        ]
        reviews.append(
            Review(film_id=ballerina, author=author, byline="Bench Critic",
                   headline="Ballerina pirouettes on borrowed steps", slug="ballerina-review",
                   standfirst="Ana de Armas does her own falling.", body=sentence(40, 80),
                   rating="3.0", status=Review.Status.PUBLISHED,
                   published_at=now - timedelta(days=1))
        )  # fmt: skip
        Review.objects.bulk_create(reviews, batch_size=BATCH)
        # Films store their reviews' count and average; bulk inserts send no change event.
        call_command("refresh_review_summaries", "--all", verbosity=0)


def representative_queries() -> list[dict]:
    """The issue's cases and 42 seeded random ones drawn from the data, each with its kind."""
    from films.models import Credit, Film
    from people.models import Person
    from search.text import words

    rng = random.Random(SEED + 1)
    last_film = Film.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_person = Person.objects.order_by("-pk").values_list("pk", flat=True).first()

    def random_films(count: int) -> list[dict]:
        ids = [rng.randint(1, last_film) for _ in range(count * 3)]
        rows = list(Film.objects.filter(pk__in=ids).values("title", "year")[:count])
        return rows

    def random_names(count: int) -> list[str]:
        ids = [rng.randint(1, last_person) for _ in range(count * 3)]
        return list(Person.objects.filter(pk__in=ids).values_list("name", flat=True)[:count])

    def typo(word: str) -> str:
        i = rng.randrange(1, len(word) - 1)
        edit = rng.choice(("swap", "drop", "double", "change"))
        if edit == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if edit == "drop":
            return word[:i] + word[i + 1 :]
        if edit == "double":
            return word[:i] + word[i] + word[i:]
        return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]

    queries = [{"kind": "issue", "q": q} for q in ISSUE_QUERIES]
    queries += [{"kind": "title", "q": film["title"]} for film in random_films(8)]
    for film in random_films(6):
        title = words(film["title"])
        q = title[0][:4] if len(title) == 1 else f"{title[0]} {title[1][:3]}"
        queries.append({"kind": "title start", "q": q})
    queries += [{"kind": "name", "q": name} for name in random_names(7)]
    long_words = [w for film in random_films(40) for w in words(film["title"]) if len(w) >= 6]
    long_words += [w for name in random_names(20) for w in words(name)[1:] if len(w) >= 6]
    queries += [{"kind": "typo", "q": typo(word)} for word in rng.sample(long_words, 6)]
    characters = list(
        Credit.objects.filter(film_id__in=[rng.randint(1, last_film) for _ in range(10)])
        .exclude(character="")
        .values_list("character", flat=True)[:5]
    )
    queries += [{"kind": "character", "q": c} for c in characters]
    queries += [
        {"kind": "title and year", "q": f"{words(film['title'])[-1]} {film['year']}"}
        for film in random_films(5)
    ]
    single = [w for film in random_films(60) for w in words(film["title"]) if len(w) >= 4]
    queries += [{"kind": "word", "q": w} for w in rng.sample(single, 5)]
    return queries


def measure(queries: list[dict]) -> dict:
    from search.service import search, suggest
    from search.views import SEARCH_OVERVIEW_SIZE

    def page_search(text: str) -> None:
        """What the search page asks for and shows: a few of each group, snippets made."""
        results = search(text, limit=SEARCH_OVERVIEW_SIZE)
        for review in results.reviews:
            str(review.search_snippet)

    texts = [query["q"] for query in queries]
    for text in texts:  # warm-up: caches, prepared plans, pages in memory
        search(text)
        page_search(text)
        suggest(text)
    service, pages, suggestions, naive = [], [], [], []
    found = []
    for _ in range(ROUNDS):
        for text in texts:
            started = time.perf_counter()
            results = search(text)
            service.append((time.perf_counter() - started) * 1000)
            found.append(f"{results.total:,}{'+' if results.total_capped else ''}")
            started = time.perf_counter()
            page_search(text)
            pages.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            suggest(text)
            suggestions.append((time.perf_counter() - started) * 1000)
    print(f"Timed the service: {len(service)} searches for each caller.", flush=True)
    for text in texts:
        started = time.perf_counter()
        naive_search(text)
        naive.append((time.perf_counter() - started) * 1000)
    print(f"Timed icontains: {len(naive)} searches.", flush=True)
    per_query = [
        {
            **query,
            "total": found[index],
            "ms": round(statistics.median(service[index :: len(texts)]), 2),
            "naive_ms": round(naive[index], 1),
        }
        for index, query in enumerate(queries)
    ]
    return {
        "search": summary(service),
        "page": summary(pages),
        "suggest": summary(suggestions),
        "naive": summary(naive),
        "per_query": per_query,
    }


def naive_search(raw_query: str, limit: int = 20) -> None:
    """The search this replaces (core/search.py before issue 5): icontains over every row."""
    from functools import reduce
    from operator import and_, or_

    from django.db.models import Q

    from films.models import Film
    from people.models import Person
    from reviews.models import Review
    from search.text import clean_query

    query = clean_query(raw_query)
    words = [word for word in query.split()[:8] if any(ch.isalnum() for ch in word)]
    if not words:
        return

    def matching(queryset, fields):
        any_field = [reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
                     for word in words]  # fmt: skip
        return queryset.filter(reduce(and_, any_field))

    list(
        matching(Film.objects.all(), ["title", "original_title", "year"])
        .only("title", "year", "slug", "logline")
        .order_by("-year", "title")[:limit]
    )
    list(matching(Person.objects.all(), ["name"]).only("name", "slug")[:limit])
    list(
        matching(Review.objects.published().for_listing(), ["headline", "standfirst", "body"])[
            :limit
        ]
    )


def summary(milliseconds: list[float]) -> dict:
    ordered = sorted(milliseconds)

    def percentile(p: float) -> float:
        return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]

    return {
        "p50": round(percentile(50), 2),
        "p95": round(percentile(95), 2),
        "max": round(ordered[-1], 2),
        "samples": len(ordered),
    }


# The parent: databases, the machine, the report ------------------------------------------------


def ensure_postgres_database(url: str) -> bool:
    import psycopg

    server, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not exists.fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


def describe_machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores ({cpu}), load average {load:.1f} at the start"


def markdown(results: dict, machine: str) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Search benchmark",
        "",
        f"`make bench-search`, {when}, {machine}.",
        "",
    ]
    for backend, result in results.items():
        c = result["counts"]
        built = (
            f"index built in {result['index_seconds']}s"
            if result["index_seconds"]
            else "index reused"
        )
        lines.append(
            f"- {backend}: {c['films']:,} films, {c['people']:,} people, {c['credits']:,} "
            f"credits, {c['reviews']:,} reviews; {c['documents']:,} documents, "
            f"{c['terms']:,} words; {built}."
        )
    lines += [
        "",
        f"Latency in ms over {len(ISSUE_QUERIES)} cases from the issue and 42 seeded random "
        f"queries ({ROUNDS} rounds after a warm-up; icontains once each):",
        "",
        "| Backend | Caller | p50 | p95 | speed-up over icontains at p50 | at p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for backend, result in results.items():
        n = result["naive"]
        for caller, key in (
            ("API, 20 of each group", "search"),
            ("search page, 10 of each group and snippets", "page"),
            ("header suggestions", "suggest"),
            ("icontains (the search it replaced)", "naive"),
        ):
            t = result[key]
            speed_up = (
                f"{n['p50'] / t['p50']:.1f}× | {n['p95'] / t['p95']:.1f}×"
                if key in ("search", "page")
                else " | "
            )
            lines.append(f"| {backend} | {caller} | {t['p50']} | {t['p95']} | {speed_up} |")
    if results:
        lines += [
            "",
            "Per query, as the API asks (median ms of the rounds; matches found, counted to 1,000"
            " a group):",
            "",
        ]
        backends = list(results)
        header = " | ".join(f"{b} | {b} icontains" for b in backends)
        lines += [
            f"| Kind | Query | Matches | {header} |",
            "| --- | --- | ---: |" + " ---: | ---: |" * len(backends),
        ]
        first = results[backends[0]]["per_query"]
        for index, query in enumerate(first):
            cells = " | ".join(
                f"{results[b]['per_query'][index]['ms']} | "
                f"{results[b]['per_query'][index]['naive_ms']}"
                for b in backends
            )
            q = query["q"].replace("|", "\\|")
            lines.append(f"| {query['kind']} | `{q}` | {query['total']} | {cells} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
