"""Streaming readers for IMDb's public dataset files (https://developer.imdb.com/non-commercial-datasets/).

Each file is gzip-compressed UTF-8, tab-separated with no quoting, a header line first and
``\\N`` for null. The readers hold one line at a time, so memory stays flat whatever the file
size, and yield typed rows, ``Skipped`` for lines that are well formed but cannot be used (a
film with no year) and ``Malformed`` for lines that are not what the format promises. Line
numbers count the header as line 1, as ``zcat FILE | sed -n 42p`` does.

No Django here: the importer (``films.imdb_import``) turns these rows into films, people and
credits.
"""

import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

NULL = "\\N"

TITLES = "title.basics"
NAMES = "name.basics"
PRINCIPALS = "title.principals"
CREW = "title.crew"
AKAS = "title.akas"

HEADERS = {
    TITLES: (
        "tconst",
        "titleType",
        "primaryTitle",
        "originalTitle",
        "isAdult",
        "startYear",
        "endYear",
        "runtimeMinutes",
        "genres",
    ),
    NAMES: (
        "nconst",
        "primaryName",
        "birthYear",
        "deathYear",
        "primaryProfession",
        "knownForTitles",
    ),
    PRINCIPALS: ("tconst", "ordering", "nconst", "category", "job", "characters"),
    CREW: ("tconst", "directors", "writers"),
    AKAS: (
        "titleId",
        "ordering",
        "title",
        "region",
        "language",
        "types",
        "attributes",
        "isOriginalTitle",
    ),
}
KIND_BY_HEADER = {"\t".join(columns): kind for kind, columns in HEADERS.items()}

FIRST_YEAR, LAST_YEAR = 1870, 2100  # films.models.FIRST_FILM_YEAR / LAST_FILM_YEAR
MAX_SMALL_INT = 32767  # PositiveSmallIntegerField on every database we support

# Credit roles, spelt as films.models.CreditRole values.
CAST, DIRECTOR, WRITER, SOURCE = "cast", "director", "writer", "source"
ROLE_BY_CATEGORY = {
    "actor": CAST,
    "actress": CAST,
    "self": CAST,
    "director": DIRECTOR,
    "writer": WRITER,
    "producer": "producer",
    "composer": "composer",
    "cinematographer": "cinematographer",
    "editor": "editor",
}
# Writing credits for the work a film adapts: "novel", "based on characters created by"…
SOURCE_JOB_WORDS = ("based on", "novel", "character", "book", "comic", "short story", "memoir")
# Jobs that only repeat the category, so say nothing worth a credit note.
REDUNDANT_JOBS = {"director of photography"}

PROGRESS_EVERY = 1 << 16  # lines between progress reports
READ_BUFFER = 1 << 20

NOT_A_MOVIE = "not a movie"
NO_YEAR = "no start year"
YEAR_OUT_OF_RANGE = f"start year outside {FIRST_YEAR}–{LAST_YEAR}"
CATEGORY_NOT_IMPORTED = "category not imported"
ORIGINAL_TITLE = "the original title (title.basics has it)"

# Alternative-title kinds, spelt as films.models.AlternativeTitle.Kind values: by IMDb's type,
# then by a word of its attributes, which say more ("literal English title").
AKA_KIND_BY_TYPE = {
    "working": "working", "festival": "festival", "dvd": "video", "video": "video",
    "tv": "video", "alternative": "other", "imdbDisplay": "release",
}  # fmt: skip
AKA_KIND_BY_ATTRIBUTE = {
    "literal": "translated", "translation": "translated", "transliterated": "transliterated",
    "short": "short", "working": "working", "festival": "festival",
}  # fmt: skip


class DatasetError(Exception):
    """A whole file is unusable: missing, unreadable, not a dataset file, or corrupt."""


class Malformed(NamedTuple):
    line_number: int
    reason: str


class Skipped(NamedTuple):
    line_number: int
    reason: str


class Title(NamedTuple):
    line_number: int
    imdb_id: str
    title: str
    original_title: str  # empty when the same as the title
    is_adult: bool
    year: int
    runtime_minutes: int | None  # None when unknown or not a plausible runtime
    genres: tuple[str, ...]


class Name(NamedTuple):
    line_number: int
    imdb_id: str
    name: str
    birth_year: int | None
    death_year: int | None


class Principal(NamedTuple):
    """One credit from title.principals, already mapped to a Marquee credit role."""

    line_number: int
    title_id: str
    name_id: str
    role: str
    order: int
    character: str  # cast only: the characters joined with " / "
    note: str  # the job, e.g. "screenplay", when it says more than the role


class Crew(NamedTuple):
    line_number: int
    title_id: str
    directors: tuple[str, ...]
    writers: tuple[str, ...]


class Aka(NamedTuple):
    """Another title of a film, from title.akas."""

    line_number: int
    title_id: str
    title: str
    region: str  # IMDb's region code (US, XWG), or "" for none
    language: str  # ISO 639 code (en, cmn), or ""
    kind: str  # films.models.AlternativeTitle.Kind


class BadLine(ValueError):
    """Raised by the parse functions; the readers turn it into ``Malformed``."""


ProgressCallback = Callable[[int, int], None]  # (line number, compressed bytes read)


class Dataset:
    """One dataset file, open for a single streaming pass. Use as a context manager.

    ``kind`` is known from the header line, so the four files can be passed in any order.
    Gzip is recognised by its magic bytes; an uncompressed .tsv works too.
    """

    def __init__(self, path: Path, *, on_progress: ProgressCallback | None = None):
        self.path = Path(path)
        self.on_progress = on_progress
        self.last_line = 1  # the last line lines() has read, counting the header
        try:
            self.size = self.path.stat().st_size
            self._raw: BinaryIO = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as error:
            raise DatasetError(f"{self.path}: {error.strerror or error}") from None
        try:
            compressed = self._raw.peek(2)[:2] == b"\x1f\x8b"
            # The outer buffer makes line iteration C-speed; GzipFile's own readline is Python.
            self._stream: BinaryIO = (
                io.BufferedReader(gzip.GzipFile(fileobj=self._raw), READ_BUFFER)
                if compressed
                else self._raw
            )
            header = self._read_line()
        except BaseException:
            self._raw.close()
            raise
        self.kind = KIND_BY_HEADER.get(header.rstrip(b"\r\n").decode("utf-8", "replace"))
        if self.kind is None:
            self._raw.close()
            raise DatasetError(f"{self.path}: not an IMDb dataset file (unrecognised header)")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        self._raw.close()

    def _read_line(self) -> bytes:
        try:
            return self._stream.readline()
        except (OSError, EOFError, zlib.error) as error:
            raise DatasetError(f"{self.path}: cannot be read ({error})") from None

    def lines(self, *, start_after: int = 1) -> Iterator[tuple[int, str | None]]:
        """``(line number, text)`` for each line after ``start_after``; text is None when the
        line is not valid UTF-8. Lines up to ``start_after`` are read but not decoded."""
        line_number = 1
        on_progress = self.on_progress
        if on_progress:
            on_progress(line_number, self._raw.tell())
        try:
            for raw in self._stream:
                line_number += 1
                self.last_line = line_number
                if on_progress and not line_number % PROGRESS_EVERY:
                    on_progress(line_number, self._raw.tell())
                if line_number <= start_after:
                    continue
                try:
                    yield line_number, raw.rstrip(b"\r\n").decode("utf-8")
                except UnicodeDecodeError:
                    yield line_number, None
        except (OSError, EOFError, zlib.error) as error:
            raise DatasetError(
                f"{self.path}: cannot be read after line {line_number} ({error})"
            ) from None
        if on_progress:
            on_progress(line_number, self.size)


def dataset_kind(path: Path) -> str:
    """Which of the four files ``path`` is, from its header. Raises DatasetError."""
    with Dataset(path) as dataset:
        return dataset.kind


# Identifiers -----------------------------------------------------------------------------


ID_PATTERNS = {  # as core.validators.IMDB_TITLE_ID and IMDB_NAME_ID
    "tt": re.compile(r"tt[0-9]{7,10}").fullmatch,
    "nm": re.compile(r"nm[0-9]{7,10}").fullmatch,
}


def _is_id(value: str, prefix: str) -> bool:
    return ID_PATTERNS[prefix](value) is not None


def is_title_id(value: str) -> bool:
    return ID_PATTERNS["tt"](value) is not None


def is_name_id(value: str) -> bool:
    return ID_PATTERNS["nm"](value) is not None


def id_number(imdb_id: str) -> int:
    """``tt0000001`` → 1: ids as small ints for ``IdSet``."""
    return int(imdb_id[2:])


class IdSet:
    """A set of IMDb id numbers kept as a bitmap: one bit per number up to the largest seen.

    IMDb numbers its ids densely (tt0000001 to about tt36000000), so a set of every film or
    person costs a few megabytes, against ~60 bytes per member for a Python set of ints.
    Numbers beyond ``BITMAP_LIMIT`` (none today) fall back to a plain set.
    """

    BITMAP_LIMIT = 1 << 28  # a 32 MB bitmap at most

    def __init__(self, numbers: Iterable[int] = ()):
        self._bits = bytearray()
        self._overflow: set[int] = set()
        self._count = 0
        for number in numbers:
            self.add(number)

    def add(self, number: int) -> None:
        if number >= self.BITMAP_LIMIT:
            if number not in self._overflow:
                self._overflow.add(number)
                self._count += 1
            return
        index, bit = number >> 3, 1 << (number & 7)
        if index >= len(self._bits):
            self._bits.extend(bytes(max(index + 1 - len(self._bits), len(self._bits))))
        if not self._bits[index] & bit:
            self._bits[index] |= bit
            self._count += 1

    def __contains__(self, number: int) -> bool:
        if number >= self.BITMAP_LIMIT:
            return number in self._overflow
        index = number >> 3
        return index < len(self._bits) and bool(self._bits[index] & (1 << (number & 7)))

    def __len__(self) -> int:
        return self._count


# Parsing ---------------------------------------------------------------------------------


def _fields(text: str | None, kind: str) -> list[str]:
    if text is None:
        raise BadLine("not valid UTF-8")
    fields = text.split("\t")
    if len(fields) != len(HEADERS[kind]):
        raise BadLine(f"expected {len(HEADERS[kind])} columns, found {len(fields)}")
    return fields


def _title_id(value: str, column: str = "tconst") -> str:
    if not is_title_id(value):
        raise BadLine(f"{column} {value[:20]!r} is not an IMDb title id")
    return value


def _name_id(value: str, column: str = "nconst") -> str:
    if not is_name_id(value):
        raise BadLine(f"{column} {value[:20]!r} is not an IMDb name id")
    return value


def _number(value: str, column: str) -> int | None:
    if value == NULL:
        return None
    if not (value.isascii() and value.isdigit()):
        raise BadLine(f"{column} {value[:20]!r} is not a number")
    return int(value)


def _text(value: str, column: str) -> str:
    if value == NULL or not value.strip():
        raise BadLine(f"{column} is empty")
    return value.strip()


def _name_list(value: str, column: str) -> tuple[str, ...]:
    if value == NULL:
        return ()
    return tuple(_name_id(name_id, column) for name_id in value.split(","))


def parse_title(line_number: int, fields: list[str]) -> Title | Skipped:
    """A ``movie`` row of title.basics; other title types are the caller's to filter."""
    tconst, _, primary, original, adult, start, _, runtime, genres = fields
    title = _text(primary, "primaryTitle")
    if adult not in ("0", "1"):
        raise BadLine(f"isAdult {adult[:20]!r} is not 0 or 1")
    year = _number(start, "startYear")
    minutes = _number(runtime, "runtimeMinutes")
    original = "" if original in (NULL, primary) else original.strip()
    row = Title(
        line_number,
        _title_id(tconst),
        title,
        original,
        adult == "1",
        year or 0,
        minutes if minutes and minutes <= MAX_SMALL_INT else None,
        () if genres == NULL else tuple(genre.strip() for genre in genres.split(",")),
    )
    if year is None:
        return Skipped(line_number, NO_YEAR)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return Skipped(line_number, YEAR_OUT_OF_RANGE)
    return row


def parse_name(line_number: int, fields: list[str]) -> Name:
    nconst, primary, birth, death, _, _ = fields
    return Name(
        line_number,
        _name_id(nconst),
        _text(primary, "primaryName"),
        _number(birth, "birthYear"),
        _number(death, "deathYear"),
    )


def credit_role(category: str, job: str) -> str | None:
    """The Marquee credit role for a title.principals category and job, or None to skip."""
    role = ROLE_BY_CATEGORY.get(category)
    if role == WRITER and any(word in job.lower() for word in SOURCE_JOB_WORDS):
        return SOURCE
    return role


def characters(value: str) -> str:
    """``["Jack Sparrow","Narrator"]`` → ``Jack Sparrow / Narrator``."""
    if value == NULL:
        return ""
    try:
        names = json.loads(value)
    except ValueError:
        names = None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise BadLine("characters is not a JSON list of strings")
    return " / ".join(name.strip() for name in names if name.strip())


def parse_principal(line_number: int, fields: list[str]) -> Principal | Skipped:
    tconst, ordering, nconst, category, job, characters_json = fields
    title_id, name_id = _title_id(tconst), _name_id(nconst)
    order = _number(ordering, "ordering")
    if not order or order > MAX_SMALL_INT:
        raise BadLine(f"ordering {ordering[:20]!r} is not between 1 and {MAX_SMALL_INT}")
    job = "" if job == NULL else job.strip()
    role = credit_role(category, job)
    if role is None:
        return Skipped(line_number, CATEGORY_NOT_IMPORTED)
    character = characters(characters_json) if role == CAST else ""
    note = "" if role == CAST or job.lower() in (category, *REDUNDANT_JOBS) else job
    return Principal(line_number, title_id, name_id, role, order, character, note)


def parse_crew(line_number: int, fields: list[str]) -> Crew:
    tconst, directors, writers = fields
    return Crew(
        line_number,
        _title_id(tconst),
        _name_list(directors, "directors"),
        _name_list(writers, "writers"),
    )


def aka_kind(types: str, attributes: str) -> str | None:
    """The kind of an alternative title, or None for the original title. Both columns are
    arrays whose separator IMDb does not document, so \\x02 and commas both separate."""
    type_list = [] if types == NULL else re.split(r"[\x02,]", types)
    if "original" in type_list:
        return None
    words = "" if attributes == NULL else attributes.lower()
    for word, kind in AKA_KIND_BY_ATTRIBUTE.items():
        if word in words:
            return kind
    for name in type_list:
        if name in AKA_KIND_BY_TYPE:
            return AKA_KIND_BY_TYPE[name]
    return "release"


def parse_aka(line_number: int, fields: list[str]) -> Aka | Skipped:
    tconst, ordering, title, region, language, types, attributes, is_original = fields
    title_id = _title_id(tconst, "titleId")
    _number(ordering, "ordering")
    if is_original not in ("0", "1", NULL):
        raise BadLine(f"isOriginalTitle {is_original[:20]!r} is not 0 or 1")
    kind = aka_kind(types, attributes)
    if is_original == "1" or kind is None:
        return Skipped(line_number, ORIGINAL_TITLE)
    return Aka(
        line_number,
        title_id,
        _text(title, "title"),
        "" if region == NULL else region.strip(),
        "" if language == NULL else language.strip(),
        kind,
    )


# Readers ---------------------------------------------------------------------------------


def _first_field_in(ids: IdSet | None, prefix: str) -> Callable[[str], bool] | None:
    """A filter keeping lines whose first field is one of ``ids``, or not an id at all (those
    are kept to be reported as malformed)."""
    if ids is None:
        return None

    def keep(text: str) -> bool:
        first = text[: text.find("\t")]
        return not _is_id(first, prefix) or int(first[2:]) in ids

    return keep


def _read(
    dataset: Dataset,
    kind: str,
    parse: Callable,
    *,
    start_after: int,
    keep: Callable[[str], bool] | None = None,
) -> Iterator:
    if dataset.kind != kind:
        raise DatasetError(f"{dataset.path}: is {dataset.kind}, expected {kind}")
    for line_number, text in dataset.lines(start_after=start_after):
        if keep is not None and text is not None and not keep(text):
            continue
        try:
            yield parse(line_number, _fields(text, kind))
        except BadLine as error:
            yield Malformed(line_number, str(error))


def read_titles(dataset: Dataset, *, start_after: int = 1) -> Iterator[Title | Skipped | Malformed]:
    """Movies from title.basics. Other title types are passed over without a record."""

    def is_movie(text: str) -> bool:
        start = text.find("\t") + 1
        return text.startswith("movie\t", start) or text.count("\t") != 8

    return _read(dataset, TITLES, parse_title, start_after=start_after, keep=is_movie)


def read_names(
    dataset: Dataset, *, start_after: int = 1, only_names: IdSet | None = None
) -> Iterator[Name | Malformed]:
    """People from name.basics; with ``only_names``, only those (and malformed lines)."""
    keep = _first_field_in(only_names, "nm")
    return _read(dataset, NAMES, parse_name, start_after=start_after, keep=keep)


def read_principals(
    dataset: Dataset, *, start_after: int = 1, only_titles: IdSet | None = None
) -> Iterator[Principal | Skipped | Malformed]:
    """Credits from title.principals; with ``only_titles``, lines for other titles are passed
    over without being parsed (most of the real file is TV episodes)."""
    keep = _first_field_in(only_titles, "tt")
    return _read(dataset, PRINCIPALS, parse_principal, start_after=start_after, keep=keep)


def read_crew(
    dataset: Dataset, *, start_after: int = 1, only_titles: IdSet | None = None
) -> Iterator[Crew | Malformed]:
    keep = _first_field_in(only_titles, "tt")
    return _read(dataset, CREW, parse_crew, start_after=start_after, keep=keep)


def read_akas(
    dataset: Dataset, *, start_after: int = 1, only_titles: IdSet | None = None
) -> Iterator[Aka | Skipped | Malformed]:
    keep = _first_field_in(only_titles, "tt")
    return _read(dataset, AKAS, parse_aka, start_after=start_after, keep=keep)


def credited_names(principals: Dataset, crew: Dataset, *, only_titles: IdSet) -> IdSet:
    """The people with at least one credit we would import on one of ``only_titles``.

    A pass over both files before name.basics is read, so only these people are created. It
    reads only the columns it needs; malformed lines are left for the credit passes to report.
    """
    for dataset, kind in ((principals, PRINCIPALS), (crew, CREW)):
        if dataset.kind != kind:
            raise DatasetError(f"{dataset.path}: is {dataset.kind}, expected {kind}")
    needed = IdSet()
    keep = _first_field_in(only_titles, "tt")
    for _, text in principals.lines():
        if text is not None and keep(text):
            fields = text.split("\t")
            if len(fields) == 6 and fields[3] in ROLE_BY_CATEGORY and is_name_id(fields[2]):
                needed.add(int(fields[2][2:]))
    for _, text in crew.lines():
        if text is not None and keep(text):
            fields = text.split("\t")
            if len(fields) == 3:
                for name_id in f"{fields[1]},{fields[2]}".split(","):
                    if is_name_id(name_id):
                        needed.add(int(name_id[2:]))
    return needed
