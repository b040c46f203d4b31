"""Import IMDb's dataset files into films, people and credits, in batches.

Four passes, one per file, in this order:

1. title.basics → ``Film`` and its genres, movies only.
2. name.basics → ``Person``, only people with a credit we import: a pass over title.principals
   and title.crew first collects their ids in a bitmap (a few MB for all of IMDb), so the
   millions of people who only appear in TV episodes are never written.
3. title.principals → ``Credit``.
4. title.crew → director and writer credits title.principals did not list.
5. title.akas → ``AlternativeTitle``, if that file is given: other titles of the films, with
   their country and language, leaving out those that repeat the film's own titles.

Every batch is written in one transaction together with its file's checkpoint row, so:

- a batch is written whole or not at all: no film without its genres, no half of a batch's
  credits (batches of credits only end between titles);
- ``resume=True`` starts each file after its last committed batch (a file that has changed
  since, by size, starts again);
- running again changes nothing: rows are matched on IMDb ids and only differences are
  written. The imdb_id unique constraints are partial (``imdb_id <> ''``), which ``ON CONFLICT``
  cannot target on either database, so each batch looks its rows up in one query instead.

Rows are inserted with plain SQL (COPY on PostgreSQL), not ``bulk_create``: see ``_Table``.
So ``save()`` never runs: slugs are made here, for a whole batch at a time, and imported rows
have no versions (django-reversion) until someone edits them.
"""

import contextlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from django.db import DataError, IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from core import changes, pagecache
from core.text import fold
from films import imdb
from films.imdb import (
    Aka,
    Crew,
    Dataset,
    DatasetError,
    IdSet,
    Malformed,
    Name,
    Principal,
    Skipped,
    Title,
)
from films.models import (
    AlternativeTitle,
    Country,
    Credit,
    Film,
    Genre,
    ImdbImportCheckpoint,
    Language,
)
from people.models import Person, surname_first

PHASES = (imdb.TITLES, imdb.NAMES, imdb.PRINCIPALS, imdb.CREW, imdb.AKAS)
OPTIONAL = {imdb.AKAS}  # IMDb publishes it, but a smaller import may go without
DEFAULT_BATCH_SIZE = 5_000
MAX_BATCH_SIZE = 10_000
MALFORMED_KEPT = 20  # malformed lines listed in a report; all are counted
SQLITE_CACHE_KIB = 64 * 1024
SQLITE_CHECKPOINT_PAGES = 16 * 1024  # write the WAL back every ~64 MB, not every 4 MB
ANALYZE_AFTER_ROWS = 10_000  # at least; else when a table has doubled (see _Table.analyze)

# IMDb's genre names where Marquee already has its own for the same thing.
GENRE_NAMES = {"Sci-Fi": "Science Fiction"}

FILM_NOT_FOUND = "film not in the database"
PERSON_NOT_FOUND = "person not imported"
DUPLICATE_ID = "IMDb id seen earlier in the batch"
DUPLICATE_CREDIT = "same credit listed twice (merged)"
SAME_AS_TITLE = "same as the film's own title"
DUPLICATE_AKA = "same title listed twice"

FILM_FIELDS = ("title", "original_title", "year", "runtime_minutes")
TITLE_LENGTH = Film._meta.get_field("title").max_length
GENRE_NAME_LENGTH = Genre._meta.get_field("name").max_length
PERSON_NAME_LENGTH = Person._meta.get_field("name").max_length
CHARACTER_LENGTH = Credit._meta.get_field("character").max_length
NOTE_LENGTH = Credit._meta.get_field("note").max_length
AKA_LENGTH = AlternativeTitle._meta.get_field("title").max_length

ProgressCallback = Callable[[str, int, int, int], None]  # label, line, bytes read, file size


@dataclass
class ImdbFiles:
    """The dataset files, by kind (``imdb.TITLES``…); title.akas may be missing."""

    paths: dict[str, Path]

    @classmethod
    def find(cls, paths: Sequence[Path]) -> "ImdbFiles":
        """A directory holding the files under IMDb's names (``title.basics.tsv.gz``…), or the
        files in any order, told apart by their header lines: the four that make films,
        people and credits, and title.akas if wanted. Raises DatasetError."""
        paths = [Path(path) for path in paths]
        for path in paths:
            if not path.exists():
                raise DatasetError(f"{path}: no such file or directory")
        if len(paths) == 1 and paths[0].is_dir():
            directory = paths[0]
            found = []
            for kind in PHASES:
                candidates = [directory / f"{kind}.tsv.gz", directory / f"{kind}.tsv"]
                path = next((path for path in candidates if path.exists()), None)
                if path is not None:
                    found.append(path)
                elif kind not in OPTIONAL:
                    raise DatasetError(f"{directory}: no {kind}.tsv.gz in this directory")
            paths = found
        if not len(PHASES) - len(OPTIONAL) <= len(paths) <= len(PHASES):
            raise DatasetError("give a directory, or the four dataset files and title.akas")
        by_kind: dict[str, Path] = {}
        for path in paths:
            kind = imdb.dataset_kind(path)
            if kind in by_kind:
                raise DatasetError(f"{path} and {by_kind[kind]} are both {kind} files")
            by_kind[kind] = path
        if missing := [kind for kind in PHASES if kind not in by_kind and kind not in OPTIONAL]:
            raise DatasetError(f"no {missing[0]} file among those given")
        return cls(by_kind)

    def source(self, kind: str) -> str:
        """What a checkpoint remembers of a file, to notice when it has been replaced."""
        path = self.paths[kind]
        return f"{path.name} ({path.stat().st_size} bytes)"


@dataclass
class BatchResult:
    """What one batch did; counted only once its transaction has committed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    # Written, or given credits: for the search index and the page cache.
    film_ids: set[int] = field(default_factory=set)
    person_ids: set[int] = field(default_factory=set)

    def add(self, other: "BatchResult") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped.update(other.skipped)
        self.film_ids |= other.film_ids
        self.person_ids |= other.person_ids


@dataclass
class PhaseReport:
    kind: str
    path: Path
    started_after: int = 1  # line number: 1 (the header) unless resumed
    last_line: int = 1
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    malformed_count: int = 0
    malformed: list[Malformed] = field(default_factory=list)  # the first MALFORMED_KEPT
    already_done: bool = False  # finished by an earlier run and resumed past
    restarted: bool = False  # resume asked for, but the file changed since its checkpoint
    stopped_at_limit: bool = False
    seconds: float = 0.0

    def add_malformed(self, record: Malformed) -> None:
        self.malformed_count += 1
        if len(self.malformed) < MALFORMED_KEPT:
            self.malformed.append(record)

    def add(self, result: BatchResult) -> None:
        self.created += result.created
        self.updated += result.updated
        self.unchanged += result.unchanged
        self.skipped.update(result.skipped)

    @property
    def lines_read(self) -> int:
        return max(self.last_line - self.started_after, 0)


@dataclass
class ImportReport:
    phases: list[PhaseReport] = field(default_factory=list)
    seconds: float = 0.0
    live: bool = True  # the search index and page cache were told about each batch

    @property
    def lines_read(self) -> int:
        return sum(phase.lines_read for phase in self.phases)

    @property
    def rows_written(self) -> int:
        return sum(phase.created + phase.updated for phase in self.phases)

    @property
    def malformed_count(self) -> int:
        return sum(phase.malformed_count for phase in self.phases)


def import_imdb(
    *,
    files: ImdbFiles,
    batch_size: int = DEFAULT_BATCH_SIZE,
    resume: bool = False,
    limit: int | None = None,
    fast: bool = False,
    live: bool = True,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Import the four files; see the module docstring. ``limit`` stops after that many films
    (their people and credits are still imported). ``fast`` stops waiting for the disk at each
    commit; after a crash, ``resume`` recovers either way.

    ``live=False`` is for a site nobody reads yet (a first import): the search index and the
    page cache are not told about each batch, which takes four times as long as the import
    itself. Rebuild the search index afterwards.

    Raises DatasetError when a file cannot be read to the end: what was committed stays, and
    ``resume`` carries on from there."""
    if not 1 <= batch_size <= MAX_BATCH_SIZE:
        raise ValueError(f"batch_size must be between 1 and {MAX_BATCH_SIZE}")
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(
            f"import_imdb supports SQLite and PostgreSQL, not {connection.vendor}"
        )
    started = time.monotonic()
    importer = _Importer(
        files, batch_size=batch_size, limit=limit, live=live, on_progress=on_progress
    )
    report = ImportReport(live=live)
    checkpoints = _checkpoints(files, resume=resume)
    with _connection_settings(fast=fast):
        for table in importer.tables:
            table.analyze()
        for position, kind in enumerate(PHASES):
            if kind not in files.paths:
                continue
            checkpoint = checkpoints[kind]
            phase = PhaseReport(kind, files.paths[kind])
            report.phases.append(phase)
            if checkpoint.source != files.source(kind):
                phase.restarted = resume and checkpoint.pk is not None
                checkpoint.source = files.source(kind)
                checkpoint.line_number, checkpoint.finished = 1, False
            phase.started_after = phase.last_line = checkpoint.line_number
            if checkpoint.finished:
                phase.already_done = True
                continue
            # Later files depend on this one (new films need their people and credits), so
            # they start over.
            ImdbImportCheckpoint.objects.filter(phase__in=PHASES[position + 1 :]).update(
                line_number=1, finished=False
            )
            for later in PHASES[position + 1 :]:
                if later in checkpoints:
                    checkpoints[later].line_number, checkpoints[later].finished = 1, False
            phase_started = time.monotonic()
            importer.run(kind, checkpoint, phase)
            phase.seconds = time.monotonic() - phase_started
    if not live:
        pagecache.new_catalogue_version()  # the home page's lists of recent films, at least
    report.seconds = time.monotonic() - started
    return report


def _checkpoints(files: ImdbFiles, *, resume: bool) -> dict[str, ImdbImportCheckpoint]:
    if not resume:
        ImdbImportCheckpoint.objects.all().delete()
    saved = {checkpoint.phase: checkpoint for checkpoint in ImdbImportCheckpoint.objects.all()}
    return {
        kind: saved.get(kind) or ImdbImportCheckpoint(phase=kind, source=files.source(kind))
        for kind in PHASES
        if kind in files.paths
    }


@contextlib.contextmanager
def _connection_settings(*, fast: bool) -> Iterator[None]:
    """Settings for this connection while the import runs, put back afterwards: on SQLite a
    bigger page cache (a credit goes into its table and three indexes) and fewer WAL
    checkpoints, on PostgreSQL no JIT, and with ``fast``, commits that don't wait for the disk."""
    if connection.vendor == "sqlite":
        settings = {"cache_size": -SQLITE_CACHE_KIB, "wal_autocheckpoint": SQLITE_CHECKPOINT_PAGES}
        if fast:
            settings["synchronous"] = 0
        with connection.cursor() as cursor:
            previous = {}
            for name, value in settings.items():
                cursor.execute(f"PRAGMA {name}")
                previous[name] = int(cursor.fetchone()[0])
                cursor.execute(f"PRAGMA {name} = {int(value)}")
    elif connection.vendor == "postgresql":
        # JIT compiling takes longer than any of the import's queries takes to run.
        settings = {"jit": "off"} | ({"synchronous_commit": "off"} if fast else {})
        with connection.cursor() as cursor:
            previous = {}
            for name, value in settings.items():
                cursor.execute("SELECT current_setting(%s)", [name])
                previous[name] = cursor.fetchone()[0]
                cursor.execute("SELECT set_config(%s, %s, false)", [name, value])
    else:
        previous = {}
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in previous.items():
                if connection.vendor == "sqlite":
                    cursor.execute(f"PRAGMA {name} = {value}")
                else:
                    cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


class _Importer:
    def __init__(
        self, files: ImdbFiles, *, batch_size: int, limit: int | None, live: bool, on_progress
    ):
        self.files = files
        self.batch_size = batch_size
        self.limit = limit
        self.live = live
        self.on_progress = on_progress
        self.films = _Table(Film, ["imdb_id", "slug", *FILM_FIELDS])
        self.people = _Table(Person, ["imdb_id", "slug", "name", "sort_name"])
        self.credits = _Table(Credit, ["film", "person", "role", "character", "order", "note"])
        self.film_genres = _Table(Film.genres.through, ["film", "genre"])
        self.akas = _Table(AlternativeTitle, ["film", "title", "country", "language", "kind"])
        self.tables = [self.films, self.people, self.credits, self.film_genres, self.akas]
        self._countries: dict | None = None
        self._languages: dict | None = None
        self._film_numbers: IdSet | None = None
        self._genres: dict[str, int] | None = None

    def open(self, kind: str, label: str | None = None) -> Dataset:
        on_progress = None
        if self.on_progress:
            size = self.files.paths[kind].stat().st_size
            label = label or kind
            report = self.on_progress

            def on_progress(line_number, bytes_read):
                report(label, line_number, bytes_read, size)

        return Dataset(self.files.paths[kind], on_progress=on_progress)

    def run(self, kind: str, checkpoint: ImdbImportCheckpoint, phase: PhaseReport) -> None:
        start_after = checkpoint.line_number
        if kind == imdb.TITLES:
            with self.open(kind) as dataset:
                rows = imdb.read_titles(dataset, start_after=start_after)
                self.write_all(dataset, rows, self.write_films, checkpoint, phase)
            self._film_numbers = None  # there are new films
        elif kind == imdb.NAMES:
            films = self.film_numbers()
            principals = self.open(imdb.PRINCIPALS, "title.principals: finding credited people")
            crew = self.open(imdb.CREW, "title.crew: finding credited people")
            with principals, crew:
                needed = imdb.credited_names(principals, crew, only_titles=films)
            with self.open(kind) as dataset:
                rows = imdb.read_names(dataset, start_after=start_after, only_names=needed)
                self.write_all(dataset, rows, self.write_people, checkpoint, phase)
        elif kind == imdb.PRINCIPALS:
            with self.open(kind) as dataset:
                rows = imdb.read_principals(
                    dataset, start_after=start_after, only_titles=self.film_numbers()
                )
                self.write_all(dataset, rows, self.write_credits, checkpoint, phase)
        elif kind == imdb.CREW:
            with self.open(kind) as dataset:
                rows = imdb.read_crew(
                    dataset, start_after=start_after, only_titles=self.film_numbers()
                )
                self.write_all(dataset, rows, self.write_crew, checkpoint, phase)
        else:
            with self.open(kind) as dataset:
                rows = imdb.read_akas(
                    dataset, start_after=start_after, only_titles=self.film_numbers()
                )
                self.write_all(dataset, rows, self.write_akas, checkpoint, phase)

    def film_numbers(self) -> IdSet:
        """Every film in the database with an IMDb id: imported now, before, or by hand."""
        if self._film_numbers is None:
            imdb_ids = (
                Film.objects.exclude(imdb_id="")
                .order_by()
                .values_list("imdb_id", flat=True)
                .iterator(chunk_size=20_000)
            )
            self._film_numbers = IdSet(imdb.id_number(imdb_id) for imdb_id in imdb_ids)
        return self._film_numbers

    # Batches -----------------------------------------------------------------------------

    def write_all(self, dataset, records, write, checkpoint, phase) -> None:
        """Write ``records`` batch by batch, each batch with its checkpoint in a transaction."""
        titles = dataset.kind == imdb.TITLES
        batches = _batches(
            records,
            phase,
            dataset=dataset,
            batch_size=self.batch_size,
            limit=self.limit if titles else None,
            # Batches of credits and titles end between films, so each film's come in together.
            group=attrgetter("title_id") if dataset.kind not in (imdb.TITLES, imdb.NAMES) else None,
        )
        for batch, last_line in batches:
            if titles:
                self.genre_ids({genre for row in batch for genre in row.genres})
            result = self.write_batch(batch, write, checkpoint, last_line, phase)
            phase.add(result)
            phase.last_line = last_line
            # With DEBUG on, Django keeps the SQL of its last 9,000 queries: megabytes each here.
            connection.queries_log.clear()
        if not phase.stopped_at_limit:
            phase.last_line = max(phase.last_line, dataset.last_line)
            checkpoint.line_number, checkpoint.finished = phase.last_line, True
            checkpoint.save()

    def write_batch(self, batch, write, checkpoint, last_line, phase) -> BatchResult:
        try:
            with transaction.atomic():
                result = write(batch)
                self.announce(result)
                _save_checkpoint(checkpoint, last_line)
            return result
        except (IntegrityError, DataError):
            pass
        # A row the database refuses must not sink its whole batch: write the batch again, one
        # film (or person) per transaction, and report the refused ones with their lines.
        key = attrgetter("title_id" if hasattr(batch[0], "title_id") else "imdb_id")
        total = BatchResult()
        for group in _groups(batch, key):
            try:
                with transaction.atomic():
                    result = write(group)
                    self.announce(result)
                total.add(result)
            except (IntegrityError, DataError) as error:
                reason = f"rejected by the database: {str(error).strip().splitlines()[0][:120]}"
                for row in group:
                    phase.add_malformed(Malformed(row.line_number, reason))
        with transaction.atomic():
            _save_checkpoint(checkpoint, last_line)
        return total

    def announce(self, result: BatchResult) -> None:
        """Announce what the batch changed through the change event, as model signals would
        have: the search index and the cache follow once the batch has committed."""
        if self.live:
            # A film's or person's page shows its credits: they changed with them.
            now = timezone.now()
            for model, ids in (
                (Film, sorted(result.film_ids)),
                (Person, sorted(result.person_ids)),
            ):
                for start in range(0, len(ids), 500):
                    model.objects.filter(pk__in=ids[start : start + 500]).update(updated_at=now)
            changes.record(films=result.film_ids, people=result.person_ids)

    # Writers: each takes one batch of rows and returns what it did ------------------------

    def write_films(self, rows: list[Title]) -> BatchResult:
        result = BatchResult()
        rows = _first_of_each(rows, attrgetter("imdb_id"), result)
        genre_ids = self.genre_ids({genre for row in rows for genre in row.genres})
        existing = {
            imdb_id: (film_id, tuple(values))
            for film_id, imdb_id, *values in self.films.by_imdb_id(
                ["id", "imdb_id", *FILM_FIELDS], [row.imdb_id for row in rows]
            )
        }
        new_rows = [row for row in rows if row.imdb_id not in existing]
        slugs = unique_slugs(self.films, [_film_slug_stem(row) for row in new_rows])
        self.films.insert(
            [
                (row.imdb_id, slug, *_film_values(row))
                for row, slug in zip(new_rows, slugs, strict=True)
            ]
        )
        film_ids = dict(self.films.by_imdb_id(["imdb_id", "id"], [row.imdb_id for row in new_rows]))
        result.created = len(new_rows)

        now = timezone.now()
        changed = []
        for row in rows:
            if row.imdb_id not in existing:
                continue
            film_id, values = existing[row.imdb_id]
            film_ids[row.imdb_id] = film_id
            if values != _film_values(row):
                fields = dict(zip(FILM_FIELDS, _film_values(row), strict=True))
                changed.append(Film(pk=film_id, updated_at=now, **fields))
        Film.objects.bulk_update(changed, [*FILM_FIELDS, "updated_at"])

        wanted_links = {
            (film_ids[row.imdb_id], genre_ids[genre])
            for row in rows
            for genre in row.genres
            if genre in genre_ids
        }
        existing_ids = {film_id for film_id, _ in existing.values()}
        present_links = set(self.film_genres.select_in(["film", "genre"], "film", existing_ids))
        new_links = wanted_links - present_links
        self.film_genres.insert(sorted(new_links))

        updated_ids = {film.pk for film in changed}
        updated_ids |= {film_id for film_id, _ in new_links if film_id in existing_ids}
        result.updated = len(updated_ids)
        result.unchanged = len(existing) - result.updated
        result.film_ids = {film_ids[row.imdb_id] for row in new_rows} | updated_ids
        return result

    def genre_ids(self, imdb_names: Iterable[str]) -> dict[str, int]:
        """Genre ids by IMDb genre name, creating missing genres. Called for each batch before
        its transaction too, so a failed batch cannot leave a stale id in the cache."""
        if self._genres is None:
            self._genres = dict(Genre.objects.values_list("slug", "id"))
        slugs = {name: slugify(GENRE_NAMES.get(name, name)) for name in imdb_names}
        missing = {
            slug: GENRE_NAMES.get(name, name)[:GENRE_NAME_LENGTH]
            for name, slug in slugs.items()
            if slug and slug not in self._genres
        }
        if missing:
            Genre.objects.bulk_create(
                [Genre(name=name, slug=slug) for slug, name in missing.items()],
                ignore_conflicts=True,
            )
            self._genres = dict(Genre.objects.values_list("slug", "id"))
        return {name: self._genres[slug] for name, slug in slugs.items() if slug in self._genres}

    def write_people(self, rows: list[Name]) -> BatchResult:
        result = BatchResult()
        rows = _first_of_each(rows, attrgetter("imdb_id"), result)
        existing = {
            imdb_id: (person_id, name)
            for person_id, imdb_id, name in self.people.by_imdb_id(
                ["id", "imdb_id", "name"], [row.imdb_id for row in rows]
            )
        }
        new_rows = [row for row in rows if row.imdb_id not in existing]
        slugs = unique_slugs(self.people, [_person_slug_stem(row) for row in new_rows])
        self.people.insert(
            [
                (row.imdb_id, slug, name, surname_first(name))
                for row, slug in zip(new_rows, slugs, strict=True)
                for name in [_fit(row.name, PERSON_NAME_LENGTH)]
            ]
        )
        now = timezone.now()
        changed = []
        for row in rows:
            person_id, name = existing.get(row.imdb_id, (None, None))
            new_name = _fit(row.name, PERSON_NAME_LENGTH)
            if person_id is not None and name != new_name:
                changed.append(
                    Person(
                        pk=person_id,
                        name=new_name,
                        sort_name=surname_first(new_name),
                        updated_at=now,
                    )
                )
        Person.objects.bulk_update(changed, ["name", "sort_name", "updated_at"])
        result.created, result.updated = len(new_rows), len(changed)
        result.unchanged = len(existing) - len(changed)
        created = self.people.by_imdb_id(["id"], [row.imdb_id for row in new_rows])
        result.person_ids = {person_id for (person_id,) in created}
        result.person_ids |= {person.pk for person in changed}
        return result

    def write_credits(self, rows: list[Principal]) -> BatchResult:
        result = BatchResult()
        film_ids = dict(self.films.by_imdb_id(["imdb_id", "id"], {row.title_id for row in rows}))
        person_ids = dict(self.people.by_imdb_id(["imdb_id", "id"], {row.name_id for row in rows}))
        wanted: dict[tuple, tuple] = {}  # (film, person, role, character) → (order, note)
        for row in rows:
            film_id, person_id = film_ids.get(row.title_id), person_ids.get(row.name_id)
            if film_id is None or person_id is None:
                result.skipped[FILM_NOT_FOUND if film_id is None else PERSON_NOT_FOUND] += 1
                continue
            key = (film_id, person_id, row.role, _fit(row.character, CHARACTER_LENGTH))
            if key in wanted:  # e.g. a writer credited for "screenplay" and for "story"
                result.skipped[DUPLICATE_CREDIT] += 1
                order, note = wanted[key]
                notes = ", ".join(dict.fromkeys(part for part in (note, row.note) if part))
                wanted[key] = (min(order, row.order), _fit(notes, NOTE_LENGTH))
            else:
                wanted[key] = (row.order, _fit(row.note, NOTE_LENGTH))

        existing = {
            (film_id, person_id, role, character): (credit_id, (order, note))
            for credit_id, film_id, person_id, role, character, order, note in (
                self.credits.select_in(
                    ["id", "film", "person", "role", "character", "order", "note"],
                    "film",
                    set(film_ids.values()),
                )
            )
        }
        new_credits, changed = [], []
        for key, values in wanted.items():
            if key not in existing:
                new_credits.append(key + values)
            elif existing[key][1] != values:
                order, note = values
                changed.append(Credit(pk=existing[key][0], order=order, note=note))
            else:
                continue
            result.film_ids.add(key[0])
            result.person_ids.add(key[1])
        self.credits.insert(new_credits)
        Credit.objects.bulk_update(changed, ["order", "note"])
        result.created, result.updated = len(new_credits), len(changed)
        result.unchanged = len(wanted) - len(new_credits) - len(changed)
        return result

    def write_crew(self, rows: list[Crew]) -> BatchResult:
        result = BatchResult()
        film_ids = dict(self.films.by_imdb_id(["imdb_id", "id"], {row.title_id for row in rows}))
        name_ids = {name_id for row in rows for name_id in row.directors + row.writers}
        person_ids = dict(self.people.by_imdb_id(["imdb_id", "id"], name_ids))
        writing = {imdb.DIRECTOR, imdb.WRITER, imdb.SOURCE}
        credited: set[tuple[int, int, str]] = set()
        last_order: Counter = Counter()  # (film, role) → highest order so far
        for film_id, person_id, role, order in self.credits.select_in(
            ["film", "person", "role", "order"], "film", set(film_ids.values())
        ):
            if role in writing:
                credited.add((film_id, person_id, role))
                last_order[film_id, role] = max(last_order[film_id, role], order)

        new_credits = []
        for row in rows:
            film_id = film_ids.get(row.title_id)
            if film_id is None:
                result.skipped[FILM_NOT_FOUND] += 1
                continue
            for role, crew_ids in ((imdb.DIRECTOR, row.directors), (imdb.WRITER, row.writers)):
                for name_id in crew_ids:
                    person_id = person_ids.get(name_id)
                    if person_id is None:
                        result.skipped[PERSON_NOT_FOUND] += 1
                        continue
                    # A source-material credit ("novel") already says this person wrote it.
                    if (film_id, person_id, role) in credited or (
                        role == imdb.WRITER and (film_id, person_id, imdb.SOURCE) in credited
                    ):
                        result.unchanged += 1
                        continue
                    credited.add((film_id, person_id, role))
                    last_order[film_id, role] += 1
                    order = last_order[film_id, role]
                    new_credits.append((film_id, person_id, role, "", order, ""))
                    result.film_ids.add(film_id)
                    result.person_ids.add(person_id)
        self.credits.insert(new_credits)
        result.created = len(new_credits)
        return result

    def write_akas(self, rows: list[Aka]) -> BatchResult:
        result = BatchResult()
        films = {
            imdb_id: (film_id, {fold(title), fold(original)})
            for film_id, imdb_id, title, original in self.films.by_imdb_id(
                ["id", "imdb_id", "title", "original_title"], {row.title_id for row in rows}
            )
        }
        countries, languages = self.reference()
        wanted = {}
        for row in rows:
            if row.title_id not in films:
                result.skipped[FILM_NOT_FOUND] += 1
                continue
            film_id, own_titles = films[row.title_id]
            if fold(row.title) in own_titles:
                result.skipped[SAME_AS_TITLE] += 1
                continue
            country = countries.get(fold(row.region)) if row.region else None
            language = languages.get(fold(row.language)) if row.language else None
            key = (film_id, _fit(row.title, AKA_LENGTH), country, language, row.kind)
            if key in wanted:
                result.skipped[DUPLICATE_AKA] += 1
                continue
            wanted[key] = row
        existing = set(
            self.akas.select_in(
                ["film", "title", "country", "language", "kind"],
                "film",
                {film_id for film_id, _ in films.values()},
            )
        )
        new_akas = sorted(set(wanted) - existing, key=lambda key: wanted[key].line_number)
        self.akas.insert(new_akas)
        result.created = len(new_akas)
        result.unchanged = len(wanted) - len(new_akas)
        result.film_ids = {key[0] for key in new_akas}
        return result

    def reference(self) -> tuple[dict[str, str], dict[str, str]]:
        """Country and language codes by what IMDb calls them: its region codes are ISO's
        (US), ISO 3166-3's (SUHH) or its own (XWG, XYU), which our countries know as names;
        its languages are ISO 639 codes. Codes nothing knows give no country or language."""
        if self._countries is None:
            self._countries = {key: c.code for key, c in Country.objects.by_name().items()}
            self._languages = {key: lang.code for key, lang in Language.objects.by_name().items()}
        return self._countries, self._languages


class _Table:
    """Plain SQL on one model's table, for the paths that run millions of times.

    bulk_create builds a model instance per row and prepares every value through its field,
    and an ``__in`` lookup prepares every value too: at IMDb's size that costs several times
    the SQL itself (measured: 4x on SQLite). Here rows are tuples of values already as the
    database stores them (str, int, None) for ``fields``; every other column gets its field's
    default, as bulk_create would give it. On PostgreSQL rows go in with COPY.
    """

    def __init__(self, model: type[models.Model], fields: Sequence[str]):
        self.model = model
        given = [model._meta.get_field(name) for name in fields]
        self.defaulted = [
            field
            for field in model._meta.concrete_fields
            if not field.primary_key and field not in given
        ]
        self.table = self.quote(model._meta.db_table)
        self.columns = ", ".join(self.quote(field.column) for field in given + self.defaulted)
        self.placeholders = ", ".join(["%s"] * (len(given) + len(self.defaulted)))
        self.rows_at_analyze = 0
        self.inserted_since_analyze = 0

    @staticmethod
    def quote(name: str) -> str:
        return connection.ops.quote_name(name)

    def insert(self, rows: Sequence[tuple]) -> None:
        if not rows:
            return
        now = timezone.now()
        defaults = tuple(
            field.get_db_prep_save(
                now
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                else field.get_default(),
                connection,
            )
            for field in self.defaulted
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + defaults)
            else:
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.columns}) VALUES ({self.placeholders})",
                    [row + defaults for row in rows],
                )
        self.inserted_since_analyze += len(rows)
        if self.inserted_since_analyze > max(self.rows_at_analyze, ANALYZE_AFTER_ROWS):
            self.analyze()

    def analyze(self) -> None:
        """Fresh planner statistics on PostgreSQL, for a table the import has doubled: with
        stale ones (none at all for a new table, until autovacuum comes round) it reads the
        whole table for each batch's lookups instead of using the imdb_id index: 300 ms a
        query instead of 15 at a million rows. SQLite has no such statistics to go stale."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {self.table}")
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                [self.model._meta.db_table],
            )
            self.rows_at_analyze = max(int(cursor.fetchone()[0]), 0)
        self.inserted_since_analyze = 0

    def select_in(
        self, fields: Sequence[str], field: str, values: Iterable, *, condition: str = ""
    ) -> list[tuple]:
        """``fields`` of the rows whose ``field`` is one of ``values`` (and ``condition``)."""
        values = list(values)
        if not values:
            return []
        opts = self.model._meta
        select = ", ".join(self.quote(opts.get_field(name).column) for name in fields)
        column = self.quote(opts.get_field(field).column)
        # One parameter for the whole list, so each query is prepared once and is the same
        # statement every batch (SQLite caches prepared statements by their text).
        if connection.vendor == "postgresql":
            where, params = f"{column} = ANY(%s)", [values]
        else:
            where, params = f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(values)]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {select} FROM {self.table} WHERE {where}{condition}", params)
            return cursor.fetchall()

    def slugs_starting_with(self, stems: Iterable[str]) -> list[str]:
        """Every slug that is one of ``stems`` or starts with one and a hyphen. Slugs hold
        [-_0-9a-z] and only "-" sorts before ".", so that is the range [stem, stem + "."): one
        index range scan per stem (on PostgreSQL, the slug's varchar_pattern_ops index)."""
        stems = list(stems)
        if not stems:
            return []
        slug = self.quote("slug")
        if connection.vendor == "postgresql":
            stem_list, params = "unnest(%s::text[]) AS p(stem)", [stems]
            after, before = "~>=~ p.stem", "~<~ (p.stem || '.')"
        else:
            stem_list, params = "json_each(%s) AS p", [json.dumps(stems)]
            after, before = ">= p.value", "< (p.value || '.')"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT t.{slug} FROM {stem_list} "
                f"JOIN {self.table} AS t ON t.{slug} {after} AND t.{slug} {before}",
                params,
            )
            return [slug for (slug,) in cursor.fetchall()]

    def by_imdb_id(self, fields: Sequence[str], imdb_ids: Iterable[str]) -> list[tuple]:
        # The imdb_id unique index is partial (imdb_id <> ''); repeating its condition is what
        # lets both databases use it instead of reading the whole table.
        condition = f" AND NOT ({self.quote('imdb_id')} = '')"
        return self.select_in(fields, "imdb_id", imdb_ids, condition=condition)


def unique_slugs(table: "_Table", stems: Sequence[str]) -> list[str]:
    """A free slug for each stem, in order: ``stem``, ``stem-2``, ``stem-3``…, the smallest
    free one, as ``core.slugs.unique_slug`` picks, but for a whole batch in one query."""
    taken: dict[str, set[int]] = {stem: set() for stem in stems}  # 1 stands for the bare stem
    for slug in table.slugs_starting_with(taken):
        stem, _, number = slug.rpartition("-")
        if slug in taken:
            taken[slug].add(1)
        if stem in taken and number.isdigit() and not number.startswith("0"):
            taken[stem].add(int(number))
    slugs = []
    for stem in stems:
        number = 1
        while number in taken[stem]:
            number += 1
        taken[stem].add(number)
        slugs.append(stem if number == 1 else f"{stem}-{number}")
    return slugs


def _film_slug_stem(row: Title) -> str:
    """title-year as ``Film.save`` makes it; a title with nothing to slugify (東京物語) uses
    the IMDb id instead."""
    stem = slugify(f"{row.title} {row.year}")
    if stem == str(row.year):
        stem = f"{row.imdb_id}-{row.year}"
    return _fit_slug(stem, Film)


def _person_slug_stem(row: Name) -> str:
    return _fit_slug(slugify(row.name) or row.imdb_id, Person)


def _fit_slug(stem: str, model: type[models.Model]) -> str:
    # As core.slugs.unique_slug: room left for a "-99999" suffix.
    return stem[: model._meta.get_field("slug").max_length - 6].strip("-")


def _film_values(row: Title) -> tuple:
    """FILM_FIELDS for a title.basics row."""
    return (
        _fit(row.title, TITLE_LENGTH),
        _fit(row.original_title, TITLE_LENGTH),
        row.year,
        row.runtime_minutes,
    )


def _fit(text: str, max_length: int) -> str:
    return text if len(text) <= max_length else text[:max_length].rstrip()


def _first_of_each(rows: list, key: Callable, result: BatchResult) -> list:
    seen = set()
    unique = []
    for row in rows:
        if key(row) in seen:
            result.skipped[DUPLICATE_ID] += 1
        else:
            seen.add(key(row))
            unique.append(row)
    return unique


def _groups(rows: list, key: Callable) -> list[list]:
    groups: dict = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return list(groups.values())


def _save_checkpoint(checkpoint: ImdbImportCheckpoint, line_number: int) -> None:
    checkpoint.line_number = line_number
    checkpoint.save()


def _batches(
    records: Iterator,
    phase: PhaseReport,
    *,
    dataset: Dataset,
    batch_size: int,
    limit: int | None = None,
    group: Callable | None = None,
) -> Iterator[tuple[list, int]]:
    """Usable rows in lists of about ``batch_size``, each with the line number it runs to.

    Skipped and malformed records go straight to ``phase``. With ``group``, a list only ends
    between rows of different groups. With ``limit``, stops after that many rows.
    """
    batch: list = []
    taken = 0
    for record in records:
        if isinstance(record, Malformed):
            phase.add_malformed(record)
            continue
        if isinstance(record, Skipped):
            phase.skipped[record.reason] += 1
            continue
        if limit is not None and taken >= limit:
            phase.stopped_at_limit = True
            if batch:
                yield batch, record.line_number - 1
            return
        if len(batch) >= batch_size and (group is None or group(record) != group(batch[-1])):
            yield batch, record.line_number - 1
            batch = []
        batch.append(record)
        taken += 1
    if batch:
        yield batch, dataset.last_line
