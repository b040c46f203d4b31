"""Generate a synthetic IMDb dataset in the published layout, for benchmarking ``import_imdb``.

    .venv/bin/python bench/imdb_generate.py [--out bench-data/imdb] [--titles 1000000] ...

Writes title.basics, name.basics, title.principals, title.crew and title.akas (.tsv.gz, header
first, ``\\N`` for null) with IMDb's column layout. A run with the same sizes and seed reuses
the files already there. The same seed gives the same files. Roughly like the real thing: 95% of
titles are movies, principals are sorted by title, most credits are cast, writers' jobs include
"screenplay" and "novel", and some titles and names repeat, so some slugs need a -2, -3….
"""

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_OUT = BASE_DIR / "bench-data" / "imdb"

HEADERS = {
    "title.basics": "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear"
    "\truntimeMinutes\tgenres",
    "name.basics": "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles",
    "title.principals": "tconst\tordering\tnconst\tcategory\tjob\tcharacters",
    "title.crew": "tconst\tdirectors\twriters",
    "title.akas": "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle",
}
GENRES = [
    *("Action", "Adventure", "Animation", "Biography", "Comedy", "Crime", "Documentary"),
    *("Drama", "Family", "Fantasy", "Film-Noir", "History", "Horror", "Music", "Musical"),
    *("Mystery", "Romance", "Sci-Fi", "Sport", "Thriller", "War", "Western"),
]
OTHER_TYPES = ("short", "tvSeries", "tvMovie", "tvEpisode", "video")
SYLLABLES = [
    *("ka", "lo", "mi", "ra", "ten", "dor", "vel", "sha", "ri", "no", "bel", "tas", "mor"),
    *("gan", "li", "ve", "sor", "da", "qui", "zen", "pa", "hu", "wes", "tor", "len"),
]
# English words and made-up ones, 1 to 4 to a title: about one film in eleven shares its
# title-year slug with another (real IMDb has its "Home (2009)"s and "Love (2015)"s too).
WORDS = [
    *("night", "day", "last", "first", "dark", "light", "river", "city", "house", "road"),
    *("man", "woman", "love", "war", "dead", "king", "queen", "blood", "moon", "sun", "star"),
    *("time", "game", "heart", "fire", "ice", "story", "summer", "winter", "storm", "ghost"),
    *("secret", "silent", "long", "lost", "black", "white", "red", "blue", "golden"),
    *("broken", "wild", "little", "big", "return", "escape", "dream", "shadow", "empire"),
    *("island", "mountain", "sea", "garden", "train", "letter", "promise", "hunter"),
    *(first + second for first in SYLLABLES[:20] for second in SYLLABLES[5:]),
]
WORDS_PER_TITLE, WORD_COUNT_WEIGHTS = (1, 2, 3, 4), (10, 40, 35, 15)
# 625 first names and 11,250 surnames: about one person in four shares a name (and so a
# slug stem) with someone, up to six of them, as IMDb's several John Smiths do.
FIRST = [(a + b).title() for a in SYLLABLES for b in SYLLABLES]
LAST = [
    (a + b + c).title()
    for a in SYLLABLES
    for b in SYLLABLES
    for c in ("", "s", "son", "er", "ley", "ford", "man", "ton", "berg", "ski", "ez", "ova")
    + ("ini", "ard", "well", "wood", "by", "stein")
]
CATEGORIES = (
    ["actor"] * 30
    + ["actress"] * 25
    + ["self"] * 3
    + ["director"] * 10
    + ["writer"] * 10
    + ["producer"] * 9
    + ["composer"] * 4
    + ["cinematographer"] * 3
    + ["editor"] * 3
    + ["archive_footage"] * 2
    + ["production_designer"]
)
WRITER_JOBS = ["\\N"] * 6 + ["screenplay", "story", "novel", "based on characters created by"]
# Other titles: about three a title, half of them the title again (IMDb lists a film's title
# in each country it is shown in), the rest new words; regions include former countries and
# IMDb's own codes (XWG, XWW).
AKAS_PER_TITLE, AKAS_WEIGHTS = (0, 1, 2, 3, 4, 6, 8), (10, 15, 20, 20, 15, 12, 8)
REGIONS = [
    *("US", "GB", "DE", "FR", "IT", "ES", "JP", "IN", "BR", "RU", "SE", "PL", "MX", "KR"),
    *("XWG", "SUHH", "CSHH", "YUCS", "XWW", "DDDE", "\\N"),
]
AKA_LANGUAGES = ["\\N"] * 12 + ["en", "fr", "de", "ja", "es", "cmn", "yue", "ru", "hi"]
AKA_TYPES = ["imdbDisplay"] * 8 + ["\\N"] * 4 + ["working", "festival", "dvd", "alternative"]
AKA_ATTRIBUTES = ["\\N"] * 12 + ["literal English title", "short title", "transliterated title"]


def generate(out: Path, *, titles: int, names: int, principals: int, seed: int) -> bool:
    """Write the four files into ``out``; False when identical ones are already there."""
    manifest = out / "manifest.json"
    wanted = {"titles": titles, "names": names, "principals": principals, "seed": seed}
    wanted["akas"] = AKAS_WEIGHTS
    files = [out / f"{kind}.tsv.gz" for kind in HEADERS]
    done = manifest.exists() and all(path.exists() for path in files)
    if done and json.loads(manifest.read_text()) == wanted:
        return False
    out.mkdir(parents=True, exist_ok=True)
    manifest.unlink(missing_ok=True)
    rng = random.Random(seed)
    # Their own generator, so the other files stay as they were before title.akas came.
    aka_rng = random.Random(seed + 1)
    with _Writer(out, "title.basics") as file, _Writer(out, "title.akas") as akas:
        for line in _titles(rng, titles):
            file.write(line)
            akas.write_all(_akas(aka_rng, line))
    with _Writer(out, "name.basics") as file:
        file.write_all(_names(rng, names, titles))
    with _Writer(out, "title.principals") as principal_file, _Writer(out, "title.crew") as crew:
        for tconst, lines, directors, writers in _principals(rng, principals, titles, names):
            principal_file.write_all(lines)
            crew.write(f"{tconst}\t{_list(directors)}\t{_list(writers)}")
    manifest.write_text(json.dumps(wanted))
    return True


class _Writer:
    """Lines into ``<kind>.tsv.gz``, header first; the file appears complete or not at all."""

    def __init__(self, out: Path, kind: str):
        self.path = out / f"{kind}.tsv.gz"
        self.partial = out / f"{kind}.partial"
        self.file = gzip.open(self.partial, "wt", encoding="utf-8", compresslevel=1)  # noqa: SIM115
        self.buffer = [HEADERS[kind]]

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc_info):
        if exc_type is None:
            self.flush()
        self.file.close()
        if exc_type is None:
            self.partial.replace(self.path)

    def write(self, line: str) -> None:
        self.buffer.append(line)
        if len(self.buffer) >= 20_000:
            self.flush()

    def write_all(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.file.write("\n".join(self.buffer) + "\n")
        self.buffer = []


def _titles(rng: random.Random, count: int):
    for number in range(1, count + 1):
        kind = "movie" if rng.random() < 0.95 else rng.choice(OTHER_TYPES)
        length = rng.choices(WORDS_PER_TITLE, WORD_COUNT_WEIGHTS)[0]
        title = " ".join(rng.choice(WORDS) for _ in range(length)).title()
        original = title if rng.random() < 0.9 else title.upper()
        year = "\\N" if rng.random() < 0.01 else str(rng.randint(1910, 2025))
        runtime = "\\N" if rng.random() < 0.2 else str(rng.randint(60, 200))
        genres = ",".join(rng.sample(GENRES, rng.randint(1, 3)))
        yield f"tt{number:07d}\t{kind}\t{title}\t{original}\t0\t{year}\t\\N\t{runtime}\t{genres}"


def _akas(rng: random.Random, title_line: str):
    tconst, _, title, original, *_ = title_line.split("\t")
    count = rng.choices(AKAS_PER_TITLE, AKAS_WEIGHTS)[0]
    for ordering in range(1, count + 1):
        if ordering == 1 and original != title:
            yield f"{tconst}\t1\t{original}\t\\N\t\\N\toriginal\t\\N\t1"
            continue
        other = title if rng.random() < 0.5 else " ".join(rng.sample(WORDS, 2)).title()
        region, language = rng.choice(REGIONS), rng.choice(AKA_LANGUAGES)
        kind, attributes = rng.choice(AKA_TYPES), rng.choice(AKA_ATTRIBUTES)
        yield f"{tconst}\t{ordering}\t{other}\t{region}\t{language}\t{kind}\t{attributes}\t0"


def _names(rng: random.Random, count: int, titles: int):
    for number in range(1, count + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        birth = str(rng.randint(1900, 2005)) if rng.random() < 0.3 else "\\N"
        death = (
            str(rng.randint(int(birth) + 20, 2025))
            if birth != "\\N" and rng.random() < 0.2
            else "\\N"
        )
        known = ",".join(f"tt{rng.randint(1, titles):07d}" for _ in range(rng.randint(1, 4)))
        yield f"nm{number:07d}\t{name}\t{birth}\t{death}\tactor,director\t{known}"


def _principals(rng: random.Random, count: int, titles: int, names: int):
    """``count`` credits spread over the titles in title order: for each title its tconst,
    principals lines, and the directors and writers title.crew lists."""
    per_title, extra = divmod(count, titles)
    for number in range(1, titles + 1):
        tconst = f"tt{number:07d}"
        lines, directors, writers = [], [], []
        for ordering in range(1, per_title + (number <= extra) + 1):
            category = rng.choice(CATEGORIES)
            nconst = f"nm{rng.randint(1, names):07d}"
            job, characters = "\\N", "\\N"
            if category in ("actor", "actress", "self"):
                characters = json.dumps([f"{rng.choice(FIRST)} {rng.choice(WORDS).title()}"])
            elif category == "writer":
                job = rng.choice(WRITER_JOBS)
                writers.append(nconst)
            elif category == "director":
                directors.append(nconst)
            lines.append(f"{tconst}\t{ordering}\t{nconst}\t{category}\t{job}\t{characters}")
        # title.crew lists the principals' directors and writers, and sometimes one more.
        if rng.random() < 0.3:
            writers.append(f"nm{rng.randint(1, names):07d}")
        yield tconst, lines, directors, writers


def _list(name_ids: list[str]) -> str:
    return ",".join(name_ids) or "\\N"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--titles", type=int, default=1_000_000)
    parser.add_argument("--names", type=int, default=2_000_000)
    parser.add_argument("--principals", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.monotonic()
    made = generate(
        args.out,
        titles=args.titles,
        names=args.names,
        principals=args.principals,
        seed=args.seed,
    )
    verb = "Generated" if made else "Reusing"
    print(
        f"{verb} {args.titles:,} titles, {args.names:,} names, {args.principals:,} principals "
        f"in {args.out} ({time.monotonic() - started:.0f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
