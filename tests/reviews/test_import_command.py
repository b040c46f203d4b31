"""``manage.py import_review``: the same importer from the command line."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from films.models import Film
from people.models import Person
from reviews.models import Review
from tests.factories import PersonFactory, UserFactory
from tests.reviews.test_import import DOCUMENT, HEADLINE, NOTHING, counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "ballerina.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


@pytest.fixture
def author(db):
    return UserFactory(username="desk", is_staff=True, is_superuser=True)


def run(*args) -> str:
    out = StringIO()
    call_command("import_review", *map(str, args), stdout=out)
    return out.getvalue()


def test_import_prints_the_preview_and_saves_a_draft(document, author):
    out = run(document)
    assert "Film: Ballerina (2025) — new" in out
    assert "  Countries: USA • Hungary [new]" in out
    assert "  Writer 1: Shay Hatten → new person, new credit" in out
    assert "  Source material 1: Derek Kolstad (based on characters created by) → new person" in out
    assert f"Saved: “{HEADLINE}” (draft" in out
    review = Review.objects.get()
    assert (review.status, review.author) == (Review.Status.DRAFT, author)
    assert review.byline == author.get_full_name() != author.username
    assert counts() == {"films": 1, "people": 10, "credits": 10, "reviews": 1}


def test_author(document, author):
    other = UserFactory(username="nora")
    run(document, "--author", "nora")
    review = Review.objects.get()
    assert (review.author, review.byline) == (other, other.get_full_name())


def test_publish_without_a_rating_is_refused_and_saves_nothing(document, author):
    # The house style carries no rating, and a published review needs one.
    with pytest.raises(CommandError, match="not ready to publish: no rating; give them"):
        run(document, "--publish")
    assert counts() == NOTHING


def test_publish_with_a_rating_byline_and_headline(document, author):
    out = run(document, "--publish", "--rating", "3.5", "--byline", "Nora Castellan",
              "--headline", "Steps borrowed, and danced well")  # fmt: skip
    assert "(published, id" in out
    review = Review.objects.get()
    assert (review.rating, review.byline, review.headline) == (
        Decimal("3.5"), "Nora Castellan", "Steps borrowed, and danced well"
    )  # fmt: skip


@pytest.mark.parametrize("rating", ["3.3", "six", "0", "5.5"])
def test_a_rating_that_is_not_one_is_refused_and_saves_nothing(document, author, rating):
    with pytest.raises(CommandError, match="--rating must be 0.5 to 5 in half stars"):
        run(document, "--publish", "--rating", rating)
    assert counts() == NOTHING


def test_an_author_without_a_full_name_is_never_the_byline(document, author):
    UserFactory(username="desk2", first_name="", last_name="")
    with pytest.raises(CommandError, match="desk2 has no full name: give a byline"):
        run(document, "--author", "desk2")
    assert counts() == NOTHING
    run(document, "--author", "desk2", "--byline", "The Desk")
    assert Review.objects.get().byline == "The Desk"


def test_dry_run_saves_nothing(document, author):
    out = run(document, "--dry-run")
    assert "Film: Ballerina (2025) — new" in out
    assert out.rstrip().endswith("Dry run: nothing was saved.")
    assert counts() == NOTHING


def test_running_twice_duplicates_nothing(document, author):
    run(document)
    out = run(document)
    assert "Already imported" in out
    assert counts() == {"films": 1, "people": 10, "credits": 10, "reviews": 1}


def test_reads_standard_input(author, monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO(DOCUMENT))
    run("-")
    assert Film.objects.get().title == "Ballerina"


def test_ambiguous_names_are_settled_with_person(document, author):
    PersonFactory(name="Keanu Reeves")
    chosen = PersonFactory(name="Keanu Reeves")
    assert "AMBIGUOUS: one of keanu-reeves, keanu-reeves-2" in run(document, "--dry-run")
    with pytest.raises(CommandError, match="choose who is meant by “Keanu Reeves”"):
        run(document)
    run(document, "--person", "Keanu Reeves=keanu-reeves-2")
    assert Review.objects.get().film.credits.filter(person=chosen).exists()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (DOCUMENT.replace("| 2.39:1 |", "| 2.39 |"), "line 9: expected countries, the year"),
        (DOCUMENT.replace("USA • HUNGARY", "USA • USA"), "line 9: the country “USA” is given"),
        ("", "line 1: expected the title and year"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(
    tmp_path, author, capsys, monkeypatch, text, reason
):
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    # As from a shell, but keeping the test's database connection open afterwards.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as exit:
        execute_from_command_line(["manage.py", "import_review", str(path)])
    assert exit.value.code != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"CommandError: {reason}")
    assert counts() == NOTHING


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["no-such-file.txt"], "cannot read no-such-file.txt"),
        (["{document}", "--author", "nobody"], "no active user “nobody”"),
        (["{document}", "--person", "Keanu Reeves"], "--person expects NAME=SLUG"),
        (["{document}", "--person", "Jo Doe=new"], "“Jo Doe” is not one of the names"),
    ],
)
def test_other_bad_input(document, author, args, reason):
    with pytest.raises(CommandError) as error:
        run(*(arg.format(document=document) for arg in args))
    assert str(error.value).startswith(reason)
    assert "\n" not in str(error.value)
    assert counts() == NOTHING


def test_without_a_superuser_the_author_must_be_named(document):
    with pytest.raises(CommandError, match="pass --author USERNAME"):
        run(document)
    assert Person.objects.count() == 0


def test_binary_file_is_refused(tmp_path, author):
    path = tmp_path / "poster.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(CommandError, match="cannot read"):
        run(path)
