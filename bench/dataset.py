"""A large synthetic Marquee database for benchmarks: by default 100,000 films, 200,000
people, 1,000,000 credits and 20,000 published reviews, plus the demo data (so the demo's
URLs work). Deterministic (seeded) and written with bulk inserts in batches.

Run through Django (``DJANGO_SETTINGS_MODULE`` and ``DATABASE_URL`` chosen by the caller):
``python -m bench.dataset --films 100000``. A database that already holds the size asked for
is left alone.
"""

import argparse
import random
import sys
import time
from datetime import timedelta

BATCH = 10_000
WORDS = [
    "night",
    "city",
    "blood",
    "silent",
    "river",
    "last",
    "king",
    "shadow",
    "iron",
    "glass",
    "winter",
    "summer",
    "road",
    "house",
    "dream",
    "stone",
    "fire",
    "ghost",
    "wolf",
    "star",
    "garden",
    "hunter",
    "echo",
    "violet",
    "ocean",
    "storm",
    "broken",
    "golden",
    "paper",
    "secret",
    "midnight",
    "hollow",
    "crimson",
    "frozen",
    "electric",
    "velvet",
    "burning",
    "lonely",
    "wild",
]
FIRST = [
    "Ana",
    "Ian",
    "Keanu",
    "Lance",
    "Norman",
    "Gabriel",
    "Anjelica",
    "Chad",
    "Len",
    "Derek",
    "Shay",
    "Sofia",
    "Marco",
    "Lea",
    "Jean",
    "Pierre",
    "Amelie",
    "Zoe",
    "Hiro",
    "Ingrid",
    "Omar",
    "Nadia",
    "Tomas",
    "Nora",
    "Ruth",
    "Felix",
    "Iris",
    "Mateo",
    "Elena",
    "Kofi",
]
LAST = [
    "Reeves",
    "McShane",
    "Reddick",
    "Reedus",
    "Byrne",
    "Huston",
    "Stahelski",
    "Wiseman",
    "Kolstad",
    "Hatten",
    "Castellan",
    "Ferreira",
    "Dubois",
    "Tanaka",
    "Okafor",
    "Novak",
    "Moreau",
    "Rossi",
    "Larsen",
    "Silva",
    "Kowalski",
    "Nyong'o",
    "Jeunet",
    "Bergman",
    "Haddad",
    "Ivanova",
    "Costa",
    "Muller",
    "Lindqvist",
    "Amara",
]


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).title()


def generate(*, films: int, people: int, credits: int, reviews: int, seed: int = 7) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from films.models import Credit, Film, FilmCountry, FilmLanguage
    from people.models import Person
    from reviews.models import Review

    call_command("load_demo", verbosity=0)
    if Film.objects.count() >= films:
        return {"films": Film.objects.count(), "skipped": True}

    rng = random.Random(seed)
    started = time.perf_counter()
    author = get_user_model().objects.get(username="marquee-desk")
    now = timezone.now()

    def batches(total, make):
        for start in range(0, total, BATCH):
            with transaction.atomic():
                make(start, min(start + BATCH, total))
            print(f"  {make.__name__}: {min(start + BATCH, total):,}/{total:,}", file=sys.stderr)

    def person_rows(start, stop):
        Person.objects.bulk_create(
            Person(
                name=f"{first} {last} {n}", sort_name=f"{last}, {first}", slug=f"bench-person-{n}"
            )
            for n in range(start, stop)
            for first, last in [(rng.choice(FIRST), rng.choice(LAST))]
        )

    batches(people, person_rows)
    person_ids = list(
        Person.objects.filter(slug__startswith="bench-person-").values_list("id", flat=True)
    )

    def film_rows(start, stop):
        created = Film.objects.bulk_create(
            Film(
                title=_title(rng),
                slug=f"bench-film-{n}",
                year=rng.randint(1920, 2025),
                logline=f"A {rng.choice(WORDS)} story of {rng.choice(WORDS)} {rng.choice(WORDS)}.",
                runtime_minutes=rng.randint(80, 180),
                aspect_ratio=rng.choice(["1.85:1", "2.39:1", "1.37:1"]),
                colour="colour",
            )
            for n in range(start, stop)
        )
        ids = [film.pk for film in created] or list(
            Film.objects.filter(
                slug__in=[f"bench-film-{n}" for n in range(start, stop)]
            ).values_list("id", flat=True)
        )
        FilmCountry.objects.bulk_create(
            FilmCountry(
                film_id=film_id, country_id=rng.choice(["US", "GB", "FR", "HU", "JP"]), position=1
            )
            for film_id in ids
        )
        FilmLanguage.objects.bulk_create(
            FilmLanguage(film_id=film_id, language_id=rng.choice(["en", "fr", "ja"]), position=1)
            for film_id in ids
        )

    batches(films, film_rows)
    film_ids = list(
        Film.objects.filter(slug__startswith="bench-film-").values_list("id", flat=True)
    )

    per_film = max(1, credits // max(1, len(film_ids)))
    roles = ["director", "writer"] + ["cast"] * 8

    def credit_rows(start, stop):
        rows = []
        for film_id in film_ids[start:stop]:
            for order, person_id in enumerate(rng.sample(person_ids, per_film), start=1):
                role = roles[(order - 1) % len(roles)]
                rows.append(
                    Credit(
                        film_id=film_id,
                        person_id=person_id,
                        role=role,
                        character=f"{rng.choice(FIRST)} {rng.choice(WORDS).title()}"
                        if role == "cast"
                        else "",
                        order=order,
                    )
                )
        Credit.objects.bulk_create(rows)

    batches(len(film_ids), credit_rows)

    def review_rows(start, stop):
        Review.objects.bulk_create(
            Review(
                film_id=rng.choice(film_ids),
                author=author,
                byline=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                headline=f"{_title(rng)}: a review {n}",
                slug=f"bench-review-{n}",
                standfirst="A sentence or two on why this film matters, or does not.",
                body="\n\n".join(
                    " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
                    for _ in range(4)
                ),
                rating=rng.choice(["2.0", "2.5", "3.0", "3.5", "4.0", "4.5"]),
                status="published",
                published_at=now - timedelta(days=rng.randint(1, 3000)),
            )
            for n in range(start, stop)
        )

    batches(reviews, review_rows)
    # Films store their reviews' count and average; bulk inserts send no change event.
    call_command("refresh_review_summaries", "--all", verbosity=0)
    try:  # the search index, when the search app keeps one, skips bulk inserts
        call_command("rebuild_search_index", verbosity=0)
    except Exception as error:  # noqa: BLE001 - report and carry on: pages still work
        print(f"  search index not rebuilt: {error}", file=sys.stderr)
    return {
        "films": Film.objects.count(),
        "people": Person.objects.count(),
        "credits": Credit.objects.count(),
        "reviews": Review.objects.count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--credits", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=20_000)
    args = parser.parse_args()
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(
        generate(films=args.films, people=args.people, credits=args.credits, reviews=args.reviews)
    )
    update_statistics()


def update_statistics() -> None:
    """What autovacuum does on a production server, done now: a benchmark must not measure
    plans made without statistics (this machine's PostgreSQL runs with autovacuum off)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


if __name__ == "__main__":
    main()
