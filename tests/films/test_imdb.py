"""The dataset readers in films/imdb.py: plain functions, no database."""

import gzip

import pytest

from films import imdb
from films.imdb import Crew, Dataset, DatasetError, IdSet, Malformed, Name, Principal, Skipped
from tests.films.imdb_data import (
    N,
    crew,
    person,
    principal,
    title,
    write_dataset,
    write_dataset_file,
)


def read(path, reader, **kwargs):
    with Dataset(path) as dataset:
        return list(reader(dataset, **kwargs))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            title(2911666, "John Wick", runtime="101", genres="Action,Crime,Thriller"),
            imdb.Title(
                2, "tt2911666", "John Wick", "", False, 2014, 101, ("Action", "Crime", "Thriller")
            ),
        ),
        (
            ["tt0046438", "movie", "Tokyo Story", "東京物語", "0", "1953", N, N, N],
            imdb.Title(2, "tt0046438", "Tokyo Story", "東京物語", False, 1953, None, ()),
        ),
        # Runtimes that cannot be stored are dropped, not the film.
        (
            title(1, "Logistics", runtime="51420"),
            imdb.Title(2, "tt0000001", "Logistics", "", False, 2014, None, ()),
        ),  # noqa: E501
        (
            title(1, "Zero", runtime="0"),
            imdb.Title(2, "tt0000001", "Zero", "", False, 2014, None, ()),
        ),  # noqa: E501
        (title(1, "Unreleased", year=N), Skipped(2, imdb.NO_YEAR)),
        (title(1, "Too early", year="1850"), Skipped(2, imdb.YEAR_OUT_OF_RANGE)),
        (title(1, "Bad year", year="20x4"), Malformed(2, "startYear '20x4' is not a number")),
        (
            title(1, "Bad runtime", runtime="long"),
            Malformed(2, "runtimeMinutes 'long' is not a number"),
        ),  # noqa: E501
        (title(1, N), Malformed(2, "primaryTitle is empty")),
        (
            ["tt1", "movie", "Short id", "Short id", "0", "2014", N, N, N],
            Malformed(2, "tconst 'tt1' is not an IMDb title id"),
        ),  # noqa: E501
        (
            ["tt0000001", "movie", "No genres column", "x", "0", "2014", N, N],
            Malformed(2, "expected 9 columns, found 8"),
        ),  # noqa: E501
        (
            ["tt0000001", "movie", "Adult?", "x", "maybe", "2014", N, N, N],
            Malformed(2, "isAdult 'maybe' is not 0 or 1"),
        ),  # noqa: E501
    ],
)
def test_title_lines(tmp_path, line, expected):
    path = write_dataset_file(tmp_path / "t.tsv.gz", imdb.TITLES, [line])
    assert read(path, imdb.read_titles) == [expected]


def test_only_movies_are_read_and_line_numbers_count_the_header(tmp_path):
    path = write_dataset_file(
        tmp_path / "t.tsv.gz",
        imdb.TITLES,
        [
            title(1, "An episode", kind="tvEpisode"),
            title(2, "A film"),
            "tt0000003\tmovie\tbroken",
            b"tt0000004\tmovie\t\xff\xfe\tx\t0\t2014\t\\N\t\\N\t\\N",
            title(5, "Another film"),
        ],
    )
    rows = read(path, imdb.read_titles)
    assert [(row.line_number, type(row).__name__) for row in rows] == [
        (3, "Title"),
        (4, "Malformed"),
        (5, "Malformed"),
        (6, "Title"),
    ]
    assert rows[1].reason == "expected 9 columns, found 3"
    assert rows[2].reason == "not valid UTF-8"


def test_reading_resumes_after_a_line(tmp_path):
    path = write_dataset_file(
        tmp_path / "t.tsv.gz", imdb.TITLES, [title(n, f"Film {n}") for n in range(1, 6)]
    )
    rows = read(path, imdb.read_titles, start_after=4)
    assert [row.imdb_id for row in rows] == ["tt0000004", "tt0000005"]


@pytest.mark.parametrize(
    ("category", "job", "role"),
    [
        ("actor", "", "cast"),
        ("actress", "", "cast"),
        ("self", "", "cast"),
        ("director", "", "director"),
        ("writer", "screenplay", "writer"),
        ("writer", "", "writer"),
        ("writer", "novel", "source"),
        ("writer", "based on characters created by", "source"),
        ("writer", "characters", "source"),
        ("producer", "executive producer", "producer"),
        ("composer", "", "composer"),
        ("cinematographer", "director of photography", "cinematographer"),
        ("editor", "", "editor"),
        ("archive_footage", "", None),
        ("production_designer", "", None),
        ("casting_director", "", None),
    ],
)
def test_credit_roles(category, job, role):
    assert imdb.credit_role(category, job) == role


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (N, ""),
        ('["John Wick"]', "John Wick"),
        ('["Viggo Tarasov","Narrator"]', "Viggo Tarasov / Narrator"),
        ('["Self - Host", " "]', "Self - Host"),
        ("[]", ""),
    ],
)
def test_characters(value, expected):
    assert imdb.characters(value) == expected


@pytest.mark.parametrize("value", ['["John Wick"', '{"name": "John"}', "[1, 2]", "John Wick"])
def test_characters_that_are_not_a_json_list_of_strings(value):
    with pytest.raises(imdb.BadLine, match="characters is not a JSON list of strings"):
        imdb.characters(value)


def test_principal_lines(tmp_path):
    path = write_dataset_file(
        tmp_path / "p.tsv.gz",
        imdb.PRINCIPALS,
        [
            principal(1, 1, 206, "actor", chars='["John Wick"]'),
            principal(1, 2, 7, "writer", job="based on characters created by"),
            principal(1, 3, 8, "cinematographer", job="director of photography"),
            principal(1, 4, 9, "producer", job="executive producer"),
            principal(1, 5, 10, "archive_footage"),
            principal(1, 6, 11, "actor", chars='["broken'),
            principal(1, "x", 12, "actor"),
            ["tt0000001", "7", "nmXYZ", "actor", N, N],
        ],
    )
    assert read(path, imdb.read_principals) == [
        Principal(2, "tt0000001", "nm0000206", "cast", 1, "John Wick", ""),
        Principal(3, "tt0000001", "nm0000007", "source", 2, "", "based on characters created by"),
        Principal(4, "tt0000001", "nm0000008", "cinematographer", 3, "", ""),
        Principal(5, "tt0000001", "nm0000009", "producer", 4, "", "executive producer"),
        Skipped(6, imdb.CATEGORY_NOT_IMPORTED),
        Malformed(7, "characters is not a JSON list of strings"),
        Malformed(8, "ordering 'x' is not a number"),
        Malformed(9, "nconst 'nmXYZ' is not an IMDb name id"),
    ]


def test_name_and_crew_lines(tmp_path):
    names = write_dataset_file(
        tmp_path / "n.tsv.gz",
        imdb.NAMES,
        [person(206, "Keanu Reeves", "1964"), person(7, "Someone", "c. 1900")],
    )
    assert read(names, imdb.read_names) == [
        Name(2, "nm0000206", "Keanu Reeves", 1964, None),
        Malformed(3, "birthYear 'c. 1900' is not a number"),
    ]
    crews = write_dataset_file(
        tmp_path / "c.tsv.gz",
        imdb.CREW,
        [crew(1, directors=[5], writers=[6, 7]), ["tt0000002", "nm0000005,x", N]],
    )
    assert read(crews, imdb.read_crew) == [
        Crew(2, "tt0000001", ("nm0000005",), ("nm0000006", "nm0000007")),
        Malformed(3, "directors 'x' is not an IMDb name id"),
    ]


def test_only_titles_passes_over_other_titles_without_parsing_them(tmp_path):
    path = write_dataset_file(
        tmp_path / "p.tsv.gz",
        imdb.PRINCIPALS,
        [
            principal(1, 1, 5, "actor", chars="not even JSON"),  # not wanted: never parsed
            principal(2, 1, 6, "director"),
            ["bad id", "1", "nm0000007", "actor", N, N],  # reported: it could be anything
        ],
    )
    rows = read(path, imdb.read_principals, only_titles=IdSet([2]))
    assert [row.line_number for row in rows] == [3, 4]
    assert isinstance(rows[1], Malformed)


def test_credited_names_are_people_with_an_imported_credit_on_a_wanted_title(tmp_path):
    write_dataset(
        tmp_path,
        principals=[
            principal(1, 1, 5, "actor"),
            principal(1, 2, 6, "archive_footage"),  # not a credit we import
            principal(2, 1, 7, "actor"),  # not a wanted title
            "tt0000001\tbroken",
        ],
        crew=[crew(1, directors=[8], writers=[5, 9]), crew(2, directors=[10])],
    )
    with (
        Dataset(tmp_path / "title.principals.tsv.gz") as principals,
        Dataset(tmp_path / "title.crew.tsv.gz") as crews,
    ):
        needed = imdb.credited_names(principals, crews, only_titles=IdSet([1]))
    assert [number for number in range(12) if number in needed] == [5, 8, 9]
    assert len(needed) == 3


def test_id_set():
    ids = IdSet([1, 7, 7, 2_000_000, IdSet.BITMAP_LIMIT + 5])
    assert len(ids) == 4
    assert 7 in ids and 2_000_000 in ids and IdSet.BITMAP_LIMIT + 5 in ids
    assert 0 not in ids and 8 not in ids and 10**9 not in ids


def test_files_are_told_apart_by_their_header(tmp_path):
    path = write_dataset_file(tmp_path / "whatever.gz", imdb.CREW, [])
    assert imdb.dataset_kind(path) == imdb.CREW
    plain = tmp_path / "crew.tsv"
    plain.write_text("tconst\tdirectors\twriters\ntt0000001\tnm0000001\t\\N\n")
    assert read(plain, imdb.read_crew) == [Crew(2, "tt0000001", ("nm0000001",), ())]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No such file or directory"),
        (b"", "not an IMDb dataset file"),
        (gzip.compress(b"id\tname\n1\tx\n"), "not an IMDb dataset file"),
    ],
)
def test_unusable_files(tmp_path, content, message):
    path = tmp_path / "title.basics.tsv.gz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DatasetError, match=message):
        Dataset(path)


def test_a_truncated_gzip_file_is_an_error_after_its_last_good_line(tmp_path, monkeypatch):
    monkeypatch.setattr(imdb, "READ_BUFFER", 1024)  # else this small file is read in one go
    lines = [title(n, f"Film number {n}") for n in range(1, 3000)]
    path = write_dataset_file(tmp_path / "t.tsv.gz", imdb.TITLES, lines)
    path.write_bytes(path.read_bytes()[:-200])
    with Dataset(path) as dataset, pytest.raises(DatasetError, match="cannot be read after line"):
        list(imdb.read_titles(dataset))
