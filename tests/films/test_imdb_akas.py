"""title.akas: the films' other titles, with IMDb's region codes (former countries included)
and languages, imported like the other files: streaming, idempotent, resumable, optional."""

import pytest

from films.imdb import aka_kind
from films.imdb_import import ImdbFiles, import_imdb
from films.models import AlternativeTitle, Film, ImdbImportCheckpoint
from search.service import search
from tests.films.imdb_data import CREW, NAMES, PRINCIPALS, TITLES, aka, title, write_dataset

pytestmark = pytest.mark.django_db

COME_AND_SEE = title(91251, "Come and See", "1985", runtime="142", genres="Drama,War")
# Real alternative titles of John Wick (2014), its sequel and Come and See (1985).
AKAS = [
    aka(2911666, 1, "John Wick", "US", types="imdbDisplay"),  # its own title: left out
    aka(2911666, 2, "Scorn", "US", types="working"),
    aka(2911666, 3, "ジョン・ウィック", "JP", "ja", "imdbDisplay"),
    aka(2911666, 4, "Джон Уик", "RU", types="imdbDisplay"),
    aka(4425200, 1, "John Wick 2", "FR", types="imdbDisplay"),
    aka(4425200, 2, "John Wick: Kapitel 2", "DE", types="imdbDisplay"),
    aka(91251, 1, "Idi i smotri", "SUHH", "ru", original="1"),  # the original: left out
    aka(91251, 2, "Komm und sieh", "XWG", types="imdbDisplay"),
    aka(91251, 3, "Requiem pour un massacre", "FR", types="imdbDisplay"),
    aka(91251, 4, "Idi i smotri", "SUHH", "ru", attributes="transliterated title"),
    aka(91251, 5, "Come and See", "GB", types="imdbDisplay"),  # its own title again
    aka(91251, 6, "Komm und sieh", "XWG", types="imdbDisplay"),  # listed twice
    aka(1000002, 1, "Wick Short", "US"),  # a short: not imported
    aka(4425200, 3, "John Wick: Chapter 2", "XWW", types="imdbDisplay"),  # its own title
]


def dataset(directory, akas=AKAS):
    return write_dataset(
        directory,
        titles=[*TITLES, COME_AND_SEE],
        names=NAMES,
        principals=PRINCIPALS,
        crew=CREW,
        akas=akas,
    )


def run(directory, **options):
    return import_imdb(files=ImdbFiles.find([directory]), **options)


def titles_of(imdb_id: str) -> list[tuple]:
    return list(
        AlternativeTitle.objects.filter(film__imdb_id=imdb_id)
        .order_by("id")
        .values_list("title", "country_id", "language_id", "kind")
    )


def test_other_titles_are_imported_with_their_country_language_and_kind(tmp_path):
    report = run(dataset(tmp_path))
    assert titles_of("tt2911666") == [
        ("Scorn", "US", None, "working"),
        ("ジョン・ウィック", "JP", "ja", "release"),
        ("Джон Уик", "RU", None, "release"),
    ]
    assert titles_of("tt0091251") == [
        ("Komm und sieh", "XWG", None, "release"),  # West Germany, IMDb's own code
        ("Requiem pour un massacre", "FR", None, "release"),
        ("Idi i smotri", "SUHH", "ru", "transliterated"),  # the Soviet Union, ISO 3166-3
    ]
    akas = report.phases[-1]
    assert akas.kind == "title.akas"
    assert akas.created == 8
    assert akas.skipped == {
        "the original title (title.basics has it)": 1,
        "same as the film's own title": 3,
        "same title listed twice": 1,
    }


def test_running_again_adds_nothing_and_keeps_titles_editors_added(tmp_path):
    run(dataset(tmp_path))
    film = Film.objects.get(imdb_id="tt0091251")
    AlternativeTitle.objects.create(film=film, title="Va et regarde", language_id="fr")
    report = run(tmp_path)
    assert (report.phases[-1].created, report.phases[-1].unchanged) == (0, 8)
    assert AlternativeTitle.objects.count() == 9


def test_an_import_resumes_the_akas_after_their_last_batch(tmp_path):
    run(dataset(tmp_path), batch_size=2)
    checkpoint = ImdbImportCheckpoint.objects.get(phase="title.akas")
    assert checkpoint.finished
    AlternativeTitle.objects.filter(film__imdb_id="tt0091251").delete()
    checkpoint.line_number, checkpoint.finished = 9, False  # as if it stopped there
    checkpoint.save()
    report = run(tmp_path, resume=True, batch_size=2)
    assert [phase.already_done for phase in report.phases] == [True] * 4 + [False]
    assert report.phases[-1].started_after == 9
    # Lines after 9 only: Komm und sieh comes back from its second listing, line 13.
    assert [row[0] for row in titles_of("tt0091251")] == [
        "Requiem pour un massacre",
        "Idi i smotri",
        "Komm und sieh",
    ]


def test_without_title_akas_the_rest_is_imported(tmp_path):
    write_dataset(tmp_path, titles=TITLES, names=NAMES, principals=PRINCIPALS, crew=CREW)
    report = run(tmp_path)
    assert [phase.kind for phase in report.phases] == [
        "title.basics", "name.basics", "title.principals", "title.crew"
    ]  # fmt: skip
    assert Film.objects.count() == 3
    assert not AlternativeTitle.objects.exists()


def test_a_malformed_line_is_reported_and_the_rest_imported(tmp_path):
    akas = [*AKAS[:3], "tt0091251\tone\tBad ordering\tFR\t\\N\t\\N\t\\N\t0", "too\tfew"]
    report = run(dataset(tmp_path, akas=akas))
    phase = report.phases[-1]
    assert [(m.line_number, m.reason) for m in phase.malformed] == [
        (5, "ordering 'one' is not a number"),
        (6, "expected 8 columns, found 2"),
    ]
    assert phase.created == 2


def test_search_finds_a_film_by_a_title_it_was_released_under(tmp_path):
    run(dataset(tmp_path))
    assert [film.title for film in search("requiem pour un massacre").films] == ["Come and See"]


@pytest.mark.parametrize(
    ("types", "attributes", "kind"),
    [
        ("\\N", "\\N", "release"),
        ("imdbDisplay", "\\N", "release"),
        ("working", "\\N", "working"),
        ("festival", "\\N", "festival"),
        ("dvd", "\\N", "video"),
        ("alternative", "\\N", "other"),
        ("imdbDisplay", "literal English title", "translated"),
        ("\\N", "short title", "short"),
        ("alternative\x02working", "\\N", "other"),
        ("original", "\\N", None),
    ],
)
def test_imdb_types_and_attributes_map_to_kinds(types, attributes, kind):
    assert aka_kind(types, attributes) == kind
