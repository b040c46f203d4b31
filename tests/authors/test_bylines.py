"""The migrations' crediting of bylines written before there were authors
(authors/bylines.py, run by reviews 0007 and lists 0003 on their historical models)."""

import pytest
from django.contrib.auth import get_user_model

from authors.bylines import credit_bylines
from authors.models import Author
from lists.models import FilmList
from reviews.models import Review
from tests.factories import (
    AuthorFactory,
    EditorFactory,
    FilmListFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def credit(model) -> int:
    return credit_bylines(bylined=model, author_model=Author, user_model=get_user_model())


def uncredit(*rows) -> None:
    """As the rows were before the migration: a byline and no critic."""
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(critic=None)


def test_each_distinct_byline_becomes_one_author_with_its_reviews():
    desk = EditorFactory(first_name="Marquee", last_name="Desk")
    noras = ReviewFactory.create_batch(2, author=desk, byline="Nora Castellan")
    tomas = ReviewFactory(author=desk, byline="Tomás Ferreira")
    unsigned = ReviewFactory(author=desk, draft=True)
    uncredit(*noras, tomas, unsigned)
    Review.objects.filter(pk=unsigned.pk).update(byline="")  # a draft nobody signed yet

    assert credit(Review) == 3
    nora, tomas_author = Author.objects.order_by("name")
    assert (nora.name, nora.slug) == ("Nora Castellan", "nora-castellan")
    assert tomas_author.slug == "tomas-ferreira"
    assert set(nora.reviews.all()) == set(noras)
    assert list(tomas_author.reviews.all()) == [tomas]
    assert Review.objects.get(pk=unsigned.pk).critic is None
    assert (nora.user, tomas_author.user) == (None, None)  # the desk's name is neither
    assert credit(Review) == 0  # run again: nothing left to credit


def test_the_one_user_whose_full_name_is_the_byline_gets_it_as_profile():
    nora = EditorFactory(first_name="Nora", last_name="Castellan")
    UserFactory(first_name="Tomás", last_name="Ferreira")
    UserFactory(first_name="Tomás", last_name="Ferreira")  # two of them: neither is chosen
    mary = EditorFactory(first_name="Mary Ann", last_name="Evans")  # a two-word first name
    rows = [
        ReviewFactory(author=nora),  # the byline is her full name
        ReviewFactory(byline="Tomás Ferreira"),
        FilmListFactory(byline="Mary Ann Evans"),
    ]
    uncredit(*rows)
    credit(Review)
    credit(FilmList)
    assert Author.objects.get(name="Nora Castellan").user == nora
    assert Author.objects.get(name="Tomás Ferreira").user is None
    assert Author.objects.get(name="Mary Ann Evans").user == mary


def test_lists_join_the_author_a_review_byline_made_and_a_user_keeps_one_profile():
    nora = EditorFactory(first_name="Nora", last_name="Castellan")
    existing = AuthorFactory(name="Nora Castellan", user=nora)
    review = ReviewFactory(byline="Nora Castellan")
    film_list = FilmListFactory(byline="Nora Castellan")
    uncredit(review, film_list)
    assert credit(Review) == 1
    assert credit(FilmList) == 1
    assert Author.objects.count() == 1
    assert Review.objects.get().critic == FilmList.objects.get().critic == existing
