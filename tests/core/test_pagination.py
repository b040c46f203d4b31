"""Site list pages (core/pagination.py): past the first page, a page's ids are read first, and
it shows what reading the whole rows at that offset did."""

import re

import pytest

from films.models import Film
from tests.factories import FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def captions(response) -> list[str]:
    return re.findall(r'class="poster-caption">([^<]*)<', response.content.decode())


@pytest.mark.parametrize("sort", ["title", "-year", "-rating"])
def test_a_later_page_reads_its_ids_first_and_shows_the_films_of_that_page(
    client, django_assert_max_num_queries, sort
):
    films = FilmFactory.create_batch(30)  # 24 a page
    for film, rating in zip(films[::3], ["2.0", "4.5", "3.0", "5.0"], strict=False):
        ReviewFactory(film=film, rating=rating)
    sort_by = {"title": ["title", "year", "id"], "-year": ["-year", "title", "id"]}
    if sort == "-rating":
        expected = sorted(
            Film.objects.all(),
            key=lambda f: (f.average_rating is None, -(f.average_rating or 0), f.title, f.pk),
        )
    else:
        expected = list(Film.objects.order_by(*sort_by[sort]))
    # the filters' countries and languages, the count, the genre, country and language
    # menus; the page's ids, its films, their directors
    with django_assert_max_num_queries(9) as captured:
        response = client.get("/films/", {"sort": sort, "page": 2})
    assert captions(response) == [film.title for film in expected[24:]]
    (ids_query,) = [q["sql"] for q in captured.captured_queries if "OFFSET 24" in q["sql"]]
    assert ids_query.startswith('SELECT "films_film"."id" AS "pk" FROM "films_film" ORDER')


def test_a_page_past_the_end_is_still_the_last_page(client):
    FilmFactory.create_batch(30)
    last = client.get("/films/", {"page": 2})
    assert client.get("/films/", {"page": 99}).content == last.content
    assert "Page 2 of 2" in last.content.decode()
