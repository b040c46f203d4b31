"""The IMDb importer (films/imdb_import.py) and its command, on small generated files."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from django.db import IntegrityError, OperationalError, connection

from core.changes import committed
from films import imdb_import
from films.imdb import Malformed
from films.imdb_import import ImdbFiles, import_imdb
from films.models import Credit, Film, ImdbImportCheckpoint
from people.models import Person
from tests.factories import FilmFactory, PersonFactory
from tests.films.imdb_data import (
    CREW,
    NAMES,
    PRINCIPALS,
    TITLES,
    crew,
    john_wick_dataset,
    person,
    principal,
    title,
    write_dataset,
)

pytestmark = pytest.mark.django_db


def run(directory, **options):
    return import_imdb(files=ImdbFiles.find([directory]), **options)


def command(*args) -> str:
    out = StringIO()
    call_command("import_imdb", *map(str, args), "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def imported_credits() -> set[tuple]:
    return set(
        Credit.objects.values_list(
            "film__imdb_id", "person__name", "role", "character", "order", "note"
        )
    )


def snapshot() -> dict:
    """Everything an import writes, to compare two runs."""
    return {
        "films": list(
            Film.objects.order_by("pk").values_list(
                "pk", "imdb_id", "slug", "title", "original_title", "year", "runtime_minutes"
            )
        ),
        "genres": sorted(Film.genres.through.objects.values_list("film_id", "genre_id")),
        "people": list(Person.objects.order_by("pk").values_list("pk", "imdb_id", "slug", "name")),
        "credits": sorted(
            Credit.objects.values_list(
                "pk", "film_id", "person_id", "role", "character", "order", "note"
            )
        ),
    }


def test_imports_movies_their_genres_credited_people_and_credits(tmp_path):
    FilmFactory(title="John Wick", year=2014)  # made by hand, so "john-wick-2014" is taken
    report = run(john_wick_dataset(tmp_path))

    films = {film.imdb_id: film for film in Film.objects.exclude(imdb_id="")}
    assert set(films) == {"tt2911666", "tt4425200", "tt1000001"}  # not the short or the series
    wick = films["tt2911666"]
    assert (wick.title, wick.original_title, wick.year, wick.runtime_minutes) == (
        "John Wick",
        "",
        2014,
        101,
    )
    assert (wick.slug, films["tt1000001"].slug) == ("john-wick-2014-2", "john-wick-2014-3")
    assert sorted(genre.name for genre in wick.genres.all()) == ["Action", "Crime", "Thriller"]
    # IMDb's "Sci-Fi" is Marquee's "Science Fiction".
    chapter_2_genres = films["tt4425200"].genres.all()
    assert sorted(genre.name for genre in chapter_2_genres) == ["Action", "Science Fiction"]

    # Only people with a credit on an imported film; IMDb gives years, not dates.
    people = Person.objects.order_by("name")
    assert [(p.name, p.slug, p.imdb_id) for p in people] == [
        ("Chad Stahelski", "chad-stahelski", "nm1000010"),
        ("Derek Kolstad", "derek-kolstad", "nm1000011"),
        ("Keanu Reeves", "keanu-reeves", "nm0000206"),
        ("Michael Nyqvist", "michael-nyqvist", "nm1000012"),
    ]
    assert not people.exclude(birth_date=None).exists()

    assert imported_credits() == {
        ("tt2911666", "Keanu Reeves", "cast", "John Wick", 1, ""),
        ("tt2911666", "Michael Nyqvist", "cast", "Viggo Tarasov / Narrator", 2, ""),
        ("tt2911666", "Chad Stahelski", "director", "", 3, ""),
        ("tt2911666", "Derek Kolstad", "writer", "", 4, "written by"),
        ("tt4425200", "Keanu Reeves", "cast", "John Wick", 1, ""),
        ("tt4425200", "Derek Kolstad", "source", "", 2, "based on characters created by"),
        # From title.crew: principals did not list Chapter 2's director.
        ("tt4425200", "Chad Stahelski", "director", "", 1, ""),
    }
    counts = [(phase.created, phase.updated, phase.unchanged) for phase in report.phases]
    assert counts == [(3, 0, 0), (4, 0, 0), (6, 0, 0), (1, 0, 3)]
    assert report.phases[2].skipped == {"category not imported": 1}
    assert report.malformed_count == 0


def test_running_again_changes_nothing(tmp_path):
    directory = john_wick_dataset(tmp_path)
    run(directory)
    first = snapshot()

    report = run(directory)

    assert snapshot() == first
    counts = [(phase.created, phase.updated, phase.unchanged) for phase in report.phases]
    assert counts == [(0, 0, 3), (0, 0, 4), (0, 0, 6), (0, 0, 4)]


def test_changed_rows_are_updated_in_place_and_keep_their_slugs(tmp_path):
    run(john_wick_dataset(tmp_path))
    wick = Film.objects.get(imdb_id="tt2911666")
    write_dataset(
        tmp_path,
        titles=[
            title(
                2911666, "John Wick (Redux)", runtime="103", genres="Action,Crime,Thriller,Drama"
            ),
            *TITLES[1:],
        ],
        names=[person(206, "Keanu C. Reeves"), *NAMES[1:]],
        principals=[
            *PRINCIPALS[:3],
            principal(2911666, 4, 1000011, "writer", job="screenplay"),
            *PRINCIPALS[4:],
        ],
        crew=CREW,
    )

    report = run(tmp_path)

    wick.refresh_from_db()
    assert (wick.title, wick.runtime_minutes, wick.slug) == ("John Wick (Redux)", 103, wick.slug)
    assert wick.slug == "john-wick-2014"
    assert wick.genres.filter(name="Drama").exists()
    keanu = Person.objects.get(imdb_id="nm0000206")
    assert (keanu.name, keanu.slug) == ("Keanu C. Reeves", "keanu-reeves")
    assert Credit.objects.get(film=wick, role="writer").note == "screenplay"
    counts = [(phase.created, phase.updated) for phase in report.phases]
    assert counts == [(0, 1), (0, 1), (0, 1), (0, 0)]


def test_people_and_films_already_there_are_matched_on_imdb_ids(tmp_path):
    keanu = PersonFactory(name="Keanu Reeves", imdb_id="nm0000206")
    wick = FilmFactory(title="John Wick", year=2014, imdb_id="tt2911666")
    run(john_wick_dataset(tmp_path))
    assert Person.objects.filter(name="Keanu Reeves").get() == keanu
    assert Film.objects.filter(title="John Wick", year=2014).count() == 2  # + tt1000001
    assert keanu.credits.filter(film=wick, character="John Wick").exists()


def test_slugs_follow_title_and_year_and_count_up_past_taken_ones(tmp_path):
    for slug in ["night-2001", "night-2001-2", "night-2001-4"]:
        FilmFactory(title="Something else", slug=slug)
    write_dataset(
        tmp_path,
        titles=[
            *(title(n, "Night", "2001") for n in range(1, 4)),
            title(4, "東京物語", "1953"),
            title(5, "x" * 250, "1999"),
        ],
    )
    run(tmp_path, batch_size=2)
    slugs = dict(Film.objects.exclude(imdb_id="").values_list("imdb_id", "slug"))
    assert [slugs[f"tt000000{n}"] for n in range(1, 4)] == [
        "night-2001-3",
        "night-2001-5",
        "night-2001-6",
    ]
    assert slugs["tt0000004"] == "tt0000004-1953"
    assert slugs["tt0000005"] == "x" * 214
    assert len(Film.objects.get(imdb_id="tt0000005").title) == 200


def test_malformed_lines_are_reported_with_line_numbers_and_the_rest_imported(tmp_path):
    write_dataset(
        tmp_path,
        titles=[
            title(1, "Good"),
            "tt0000002\tmovie\tToo few columns",
            title(3, "Bad year", year="19x5"),
            ["tt3", "movie", "Bad id", "Bad id", "0", "2001", "\\N", "\\N", "\\N"],
            title(4, "Also good", year="\\N"),  # no year: skipped, not malformed
            title(5, "Good too"),
        ],
        names=[person(5, "Ann Actor"), b"nm0000006\tNot \xff UTF-8\t\\N\t\\N\tactor\t\\N"],
        principals=[
            principal(1, 1, 5, "actor", chars='["Broken"'),
            principal(1, 2, 5, "director"),
            principal(5, 1, 5, "actor", chars='["Hero"]'),
        ],
        crew=[crew(1, directors=[5]), ["tt0000005", "nm5", "\\N"]],
    )

    output = command(tmp_path)

    assert imported_credits() == {
        ("tt0000001", "Ann Actor", "director", "", 2, ""),
        ("tt0000005", "Ann Actor", "cast", "Hero", 1, ""),
    }
    assert "title.basics.tsv.gz: 6 lines" in output
    assert "skipped: 1 no start year" in output
    for line in [
        "malformed: 3 lines",
        "line 3: expected 9 columns, found 3",
        "line 4: startYear '19x5' is not a number",
        "line 5: tconst 'tt3' is not an IMDb title id",
        "line 3: not valid UTF-8",
        "line 2: characters is not a JSON list of strings",
        "line 3: directors 'nm5' is not an IMDb name id",
        "6 malformed lines",
    ]:
        assert line in output


def test_the_list_of_malformed_lines_is_capped_but_all_are_counted(tmp_path):
    write_dataset(tmp_path, titles=[f"tt{n:07d}\tmovie\tbroken" for n in range(1, 26)])
    report = run(tmp_path)
    titles = report.phases[0]
    assert titles.malformed_count == 25
    assert [record.line_number for record in titles.malformed] == list(range(2, 22))
    output = command(tmp_path)
    assert "line 21: expected 9 columns, found 3" in output
    assert "line 22:" not in output
    assert "… and 5 more" in output


def test_an_interrupted_import_leaves_no_half_batch_and_resumes_after_the_last_one(
    tmp_path, monkeypatch
):
    titles = [title(n, f"Film {n}", genres="Drama,Action") for n in range(1, 8)]
    principals = [principal(n, 1, 100 + n, "actor", chars='["Lead"]') for n in range(1, 8)]
    names = [person(100 + n, f"Actor {n}") for n in range(1, 8)]
    write_dataset(tmp_path, titles=titles, names=names, principals=principals)
    write_films = imdb_import._Importer.write_films
    batches = []

    def write_then_lose_the_connection(importer, rows):
        batches.append(rows)
        result = write_films(importer, rows)  # the films and their genres are written…
        if len(batches) == 2:
            raise OperationalError("server closed the connection unexpectedly")  # …not kept
        return result

    monkeypatch.setattr(imdb_import._Importer, "write_films", write_then_lose_the_connection)
    with pytest.raises(OperationalError):
        run(tmp_path, batch_size=3)

    # The first batch is all there, genres included; nothing of the second.
    assert sorted(Film.objects.values_list("title", flat=True)) == ["Film 1", "Film 2", "Film 3"]
    assert all(film.genres.count() == 2 for film in Film.objects.all())
    checkpoint = ImdbImportCheckpoint.objects.get(phase="title.basics")
    assert (checkpoint.line_number, checkpoint.finished) == (4, False)

    monkeypatch.undo()
    report = run(tmp_path, batch_size=3, resume=True)

    assert report.phases[0].started_after == 4
    assert [phase.created for phase in report.phases] == [4, 7, 7, 0]
    assert Film.objects.count() == 7
    assert Credit.objects.count() == 7
    assert all(phase.finished for phase in ImdbImportCheckpoint.objects.all())

    # Resuming a finished import skips every file.
    report = run(tmp_path, resume=True)
    assert [phase.already_done for phase in report.phases] == [True] * 4


def test_resume_starts_a_file_again_when_it_has_changed(tmp_path):
    john_wick_dataset(tmp_path)
    run(tmp_path)
    write_dataset(
        tmp_path, titles=[*TITLES, title(3, "One more")], names=NAMES, principals=PRINCIPALS
    )
    report = run(tmp_path, resume=True)
    titles, names, principals, crew_phase = report.phases
    assert titles.restarted and (titles.created, titles.unchanged) == (1, 3)
    # title.basics ran again, so everything after it runs again too (a no-op here).
    assert not names.already_done and not principals.already_done
    assert crew_phase.restarted  # its file is now empty


def test_a_film_the_database_refuses_is_reported_and_the_rest_of_its_batch_written(
    tmp_path, monkeypatch
):
    write_dataset(
        tmp_path, titles=[title(n, f"Film {n}", genres="Drama,Action") for n in (1, 2, 3)]
    )
    write_films = imdb_import._Importer.write_films

    def refuse_film_2(importer, rows):
        result = write_films(importer, rows)
        if any(row.imdb_id == "tt0000002" for row in rows):
            raise IntegrityError("value too long for type character varying(200)")
        return result

    monkeypatch.setattr(imdb_import._Importer, "write_films", refuse_film_2)
    report = run(tmp_path)

    assert sorted(Film.objects.values_list("title", flat=True)) == ["Film 1", "Film 3"]
    assert all(film.genres.count() == 2 for film in Film.objects.all())
    assert report.phases[0].created == 2
    assert report.phases[0].malformed == [
        Malformed(3, "rejected by the database: value too long for type character varying(200)")
    ]


def test_each_batch_is_announced_through_the_change_event(tmp_path):
    calls = []

    def listen(sender, changes, **kwargs):
        calls.extend((kind, set(changes[kind])) for kind in ("films", "people") if changes[kind])

    committed.connect(listen)
    try:
        run(john_wick_dataset(tmp_path), batch_size=2)
        film_ids = set(Film.objects.values_list("pk", flat=True))
        person_ids = set(Person.objects.values_list("pk", flat=True))
        # Films in batches of two; people in batches of two; then, for credits, one batch per
        # title (a title's credits are never split) and one for title.crew: films and people.
        assert [(kind, len(ids)) for kind, ids in calls] == [
            ("films", 2),
            ("films", 1),
            ("people", 2),
            ("people", 2),
            ("films", 1),
            ("people", 4),
            ("films", 1),
            ("people", 2),
            ("films", 1),
            ("people", 1),
        ]
        assert set().union(*(ids for kind, ids in calls if kind == "films")) == film_ids
        assert set().union(*(ids for kind, ids in calls if kind == "people")) == person_ids

        calls.clear()
        run(tmp_path, live=False)
        assert calls == []
    finally:
        committed.disconnect(listen)


def test_cached_pages_of_what_changed_are_retired_once_the_batch_commits(tmp_path, client):
    run(john_wick_dataset(tmp_path))
    wick = Film.objects.get(imdb_id="tt2911666")
    keanu = Person.objects.get(imdb_id="nm0000206")
    pages = [wick.get_absolute_url(), keanu.get_absolute_url()]
    for page in pages:  # cached, page and fragments
        assert "Jonathan Wick" not in client.get(page).content.decode()
    write_dataset(
        tmp_path,
        titles=TITLES,
        names=NAMES,
        principals=[
            principal(2911666, 1, 206, "actor", chars='["Jonathan Wick"]'),
            *PRINCIPALS[1:],
        ],
        crew=CREW,
    )
    run(tmp_path)
    for page in pages:
        assert "Jonathan Wick" in client.get(page).content.decode()


def test_limit_imports_that_many_films_with_their_credits(tmp_path):
    john_wick_dataset(tmp_path)
    output = command(tmp_path, "--limit", "1")
    assert list(Film.objects.values_list("imdb_id", flat=True)) == ["tt2911666"]
    assert {film for film, *_ in imported_credits()} == {"tt2911666"}
    assert "stopped at --limit after line 2" in output
    assert not ImdbImportCheckpoint.objects.get(phase="title.basics").finished


def test_the_four_files_can_be_named_in_any_order(tmp_path):
    john_wick_dataset(tmp_path)
    files = sorted(tmp_path.glob("*.gz"), reverse=True)
    output = command(*files)
    assert Film.objects.count() == 3
    assert "Done in" in output


def test_progress_in_a_log_is_plain_lines_per_file(tmp_path):
    """Not a terminal (CI, a log file): a line per tenth of each file, no control codes."""
    john_wick_dataset(tmp_path)
    err = StringIO()
    call_command("import_imdb", str(tmp_path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("title.basics: 100%") for line in lines)
    assert any(line.startswith("title.principals: 100%") for line in lines)
    assert "\r" not in err.getvalue() and "\x1b" not in err.getvalue()


def test_progress_on_a_terminal_redraws_one_line(tmp_path):
    from films.management.commands.import_imdb import ProgressBar

    class Terminal(StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = ProgressBar(OutputWrapper(screen))
    progress("title.basics.tsv.gz", 1, 0, 100)  # a new file starts its clock, draws nothing
    assert screen.getvalue() == ""
    progress("title.basics.tsv.gz", 500, 100, 100)
    progress.finish()
    drawn = screen.getvalue()
    assert drawn.startswith("\r[" + "#" * ProgressBar.WIDTH + "] title.basics.tsv.gz: 100%")
    assert drawn.endswith("\n") and drawn.count("\n") == 1


@pytest.mark.parametrize(
    ("files", "options", "message"),
    [
        (["missing"], [], "missing: no such file or directory"),
        ([], [], "no title.crew.tsv.gz in this directory"),
        (["title.basics.tsv.gz", "name.basics.tsv.gz"], [], "give a directory, or the four"),
        ([], ["--batch-size", "0"], "--batch-size must be between 1 and 10,000"),
        ([], ["--limit", "0"], "--limit must be at least 1"),
    ],
)
def test_command_errors_are_one_line(tmp_path, files, options, message):
    john_wick_dataset(tmp_path)
    (tmp_path / "title.crew.tsv.gz").unlink()
    paths = [tmp_path / name for name in files] or [tmp_path]
    with pytest.raises(CommandError, match=message) as error:
        command(*paths, *options)
    assert "\n" not in str(error.value)


@pytest.mark.django_db(transaction=True)
def test_fast_mode_commits_without_waiting_for_the_disk_and_then_puts_it_back(tmp_path):
    run(john_wick_dataset(tmp_path), fast=True)
    assert Film.objects.count() == 3
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] != 0
        else:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
