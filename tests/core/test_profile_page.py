"""``manage.py profile_page``: the split of an uncached page's time, for the next person who
makes a page faster."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from tests.factories import CreditFactory, FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def profile(path: str, requests: int = 3) -> str:
    out = io.StringIO()
    call_command("profile_page", path, requests=requests, stdout=out)
    return out.getvalue()


def test_it_splits_a_film_page_by_what_the_time_went_on():
    film = FilmFactory()
    CreditFactory.create_batch(3, film=film)
    ReviewFactory(film=film)
    report = profile(film.get_absolute_url())
    first, *parts = report.splitlines()
    summary = rf"{film.get_absolute_url()}: [\d.]+ ms median of 3, \d+ queries each"
    assert re.fullmatch(summary, first)
    named = {line.split("  ")[1].strip() for line in parts}
    assert {"templates", "SQL", "ORM build+compile", "reverse()", "other"} <= named
    assert sum(int(line.rsplit(" ", 1)[1].rstrip("%")) for line in parts) in range(98, 103)


def test_it_names_the_serializers_on_an_api_page():
    FilmFactory.create_batch(3)
    assert "DRF serializers" in profile("/api/v1/films/")


def test_the_cache_is_off_while_it_measures():
    film = FilmFactory()
    report = profile(film.get_absolute_url(), requests=2)
    queries = int(re.search(r"(\d+) queries each", report).group(1))
    assert queries > 0  # a cached copy would run none


@pytest.mark.parametrize(
    ("path", "requests", "message"),
    [
        ("/films/no-such-film/", 3, "/films/no-such-film/ answered 404, not 200."),
        ("/", 0, "--requests must be at least 1."),
    ],
)
def test_a_page_it_cannot_time_is_one_line_saying_why(path, requests, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        profile(path, requests)
