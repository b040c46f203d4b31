"""Small IMDb dataset files in the published layout, for the importer's tests."""

import gzip
from pathlib import Path

from films import imdb

N = "\\N"

FILE_NAMES = {kind: f"{kind}.tsv.gz" for kind in imdb.HEADERS}


def write_dataset_file(path: Path, kind: str, lines: list) -> Path:
    """``lines`` are lists of column values, or bytes/str written as they are (for malformed
    lines). The header comes first, as in IMDb's files."""
    body = [("\t".join(imdb.HEADERS[kind]) + "\n").encode()]
    for line in lines:
        if isinstance(line, list | tuple):
            line = "\t".join(line)
        body.append((line.encode() if isinstance(line, str) else line) + b"\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as file:
        file.write(b"".join(body))
    return path


def write_dataset(directory: Path, **lines_by_kind: list) -> Path:
    """The four files in ``directory``; ``titles=``, ``names=``, ``principals=``, ``crew=``;
    and title.akas with ``akas=``."""
    kinds = {
        "titles": imdb.TITLES,
        "names": imdb.NAMES,
        "principals": imdb.PRINCIPALS,
        "crew": imdb.CREW,
    }
    for argument, kind in kinds.items():
        write_dataset_file(directory / FILE_NAMES[kind], kind, lines_by_kind.get(argument, []))
    if "akas" in lines_by_kind:  # optional, as in an import
        write_dataset_file(directory / FILE_NAMES[imdb.AKAS], imdb.AKAS, lines_by_kind["akas"])
    return directory


def title(number: int, name: str, year="2014", *, kind="movie", runtime="101", genres=N):
    return [f"tt{number:07d}", kind, name, name, "0", year, N, runtime, genres]


def person(number: int, name: str, birth=N, death=N):
    return [f"nm{number:07d}", name, birth, death, "actor", N]


def principal(title_number: int, ordering: int, name_number: int, category, job=N, chars=N):
    return [f"tt{title_number:07d}", str(ordering), f"nm{name_number:07d}", category, job, chars]


def aka(
    title_number: int,
    ordering: int,
    name: str,
    region=N,
    language=N,
    types=N,
    *,
    attributes=N,
    original="0",
):
    return [
        f"tt{title_number:07d}",
        str(ordering),
        name,
        region,
        language,
        types,
        attributes,
        original,
    ]


def crew(title_number: int, directors=(), writers=()):
    def ids(numbers):
        return ",".join(f"nm{number:07d}" for number in numbers) or N

    return [f"tt{title_number:07d}", ids(directors), ids(writers)]


# A John Wick-sized world: three films (one with a clashing title-year), a short and a TV
# series that are not imported, five people of whom four are credited.
TITLES = [
    title(2911666, "John Wick", genres="Action,Crime,Thriller"),
    title(4425200, "John Wick: Chapter 2", "2017", runtime="122", genres="Action,Sci-Fi"),
    title(1000001, "John Wick", genres="Documentary"),  # another "john-wick-2014"
    title(1000002, "Wick Short", kind="short"),
    title(1000003, "Wick: The Series", kind="tvSeries"),
]
NAMES = [
    person(206, "Keanu Reeves", "1964"),
    person(1000010, "Chad Stahelski"),
    person(1000011, "Derek Kolstad"),
    person(1000012, "Michael Nyqvist", "1960", "2017"),
    person(1000013, "Nobody Credited"),
]
PRINCIPALS = [
    principal(2911666, 1, 206, "actor", chars='["John Wick"]'),
    principal(2911666, 2, 1000012, "actor", chars='["Viggo Tarasov","Narrator"]'),
    principal(2911666, 3, 1000010, "director"),
    principal(2911666, 4, 1000011, "writer", job="written by"),
    principal(2911666, 5, 1000012, "archive_footage"),
    principal(4425200, 1, 206, "actor", chars='["John Wick"]'),
    principal(4425200, 2, 1000011, "writer", job="based on characters created by"),
    principal(1000002, 1, 1000013, "actor", chars='["Someone"]'),  # the short: not imported
]
CREW = [
    crew(2911666, directors=[1000010], writers=[1000011]),
    # Chapter 2: Stahelski only here; Kolstad is already its source-material credit.
    crew(4425200, directors=[1000010], writers=[1000011]),
    crew(1000002, directors=[1000013]),
]


def john_wick_dataset(directory: Path) -> Path:
    return write_dataset(directory, titles=TITLES, names=NAMES, principals=PRINCIPALS, crew=CREW)
