"""The change event (core/changes.py): what a transaction changed, announced once at commit."""

import pytest
from django.db import transaction
from django.urls import reverse

from core.changes import committed
from films.models import Credit, Film
from reviews.models import Review
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory
from tests.test_admin import film_form, inline_management

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    """Every announcement made while the test runs, as {kind: ids}."""
    received = []

    def listen(sender, changes, **kwargs):
        received.append({kind: ids for kind, ids in changes.items() if ids})

    committed.connect(listen)
    yield received
    committed.disconnect(listen)


def test_a_transaction_is_announced_once_with_everything_it_changed(announced):
    with transaction.atomic():
        film = FilmFactory()
        credits = CreditFactory.create_batch(3, film=film)
        review = ReviewFactory(film=film)
        assert announced == []  # nothing before the commit
    assert announced == [
        {
            "films": {film.pk},
            "people": {credit.person_id for credit in credits} | set(),
            "reviews": {review.pk},
            "review_summaries": {film.pk},
        }
    ]


def test_outside_a_transaction_each_save_is_announced_at_once(announced):
    person = PersonFactory()
    assert announced == [{"people": {person.pk}}]


def test_work_that_rolls_back_is_not_announced(announced):
    with pytest.raises(RuntimeError), transaction.atomic():
        FilmFactory()
        raise RuntimeError
    assert announced == []


def test_a_moved_credit_names_both_films_and_both_people(announced):
    credit = CreditFactory()
    other_film, other_person = FilmFactory(), PersonFactory()
    old_film, old_person = credit.film_id, credit.person_id
    announced.clear()
    credit = Credit.objects.get(pk=credit.pk)
    credit.film, credit.person = other_film, other_person
    credit.save()
    assert announced == [
        {"films": {old_film, other_film.pk}, "people": {old_person, other_person.pk}}
    ]


def test_a_credit_note_is_its_films_change_alone(announced):
    credit = Credit.objects.get(pk=CreditFactory().pk)
    announced.clear()
    credit.note = "uncredited"
    credit.save()
    assert announced == [{"films": {credit.film_id}}]


def test_a_film_whose_year_changes_takes_its_reviews_along(announced):
    review = ReviewFactory()
    film = Film.objects.get(pk=review.film_id)
    announced.clear()
    film.logline = "Same year."
    film.save()
    film.year += 1
    film.save()
    assert announced[0] == {"films": {film.pk}}
    assert {"reviews": {review.pk}} in announced[1:]  # in autocommit, each receiver's own


def test_publishing_a_review_changes_its_films_count(announced):
    review = Review.objects.get(pk=ReviewFactory(draft=True).pk)
    announced.clear()
    review.standfirst = "Still a draft."
    review.save()
    review.status, review.published_at = Review.Status.PUBLISHED, review.created_at
    review.save()
    assert announced == [
        {"reviews": {review.pk}},
        {"reviews": {review.pk}, "films": {review.film_id}, "review_summaries": {review.film_id}},
    ]


# What a save costs beyond its own write (outside a revision it writes no version: the admin,
# the API and the importer make one; tests/admin/test_history.py): the search index reads
# what it indexes (one query), writes the documents (one) and their new words (one); the API's
# change feed moves their entries on (one; a review's also reads whether it is scheduled); the
# cache's new version is no query. A film's part (a credit) also moves the film's updated_at
# on (one).


def test_changing_a_credits_note_costs_five_queries_more(django_assert_max_num_queries):
    credit = Credit.objects.get(pk=CreditFactory().pk)
    credit.note = "uncredited"
    # the UPDATE; the film's updated_at, document, its write, its words; the feed
    with django_assert_max_num_queries(1 + 5):
        credit.save()


def test_changing_a_film_costs_four_queries_more(django_assert_max_num_queries):
    film = Film.objects.get(pk=FilmFactory().pk)
    film.logline = "A dancer learns to kill."
    # the UPDATE; the document, its write, words; the feed
    with django_assert_max_num_queries(1 + 4):
        film.save()


def test_changing_a_review_costs_five_queries_more(django_assert_max_num_queries):
    review = Review.objects.get(pk=ReviewFactory().pk)
    review.headline = "Second thoughts"
    # the UPDATE, the films and people its body mentions (two reads); the review's document,
    # its write, its words; the feed's two
    with django_assert_max_num_queries(3 + 5):
        review.save()


def test_an_admin_save_of_a_film_with_thirty_credits_indexes_it_once(
    editor_client, django_assert_max_num_queries
):
    """Every credit's save used to tell the index and the cache (seven documents written)."""
    film = FilmFactory()
    credits = CreditFactory.create_batch(30, film=film)
    data = film_form(title=film.title, year=str(film.year), slug=film.slug)
    data.update(inline_management("credits", total=30, initial=30))
    for number, credit in enumerate(credits):
        prefix = f"credits-{number}-"
        data.update({
            f"{prefix}id": str(credit.pk), f"{prefix}film": str(film.pk),
            f"{prefix}person": str(credit.person_id), f"{prefix}role": credit.role,
            f"{prefix}character": credit.character, f"{prefix}order": str(credit.order),
            f"{prefix}note": "uncredited" if number < 3 else credit.note,
        })  # fmt: skip
    # Was 378. What is left is the formset's validation, ~10 queries a credit row (its person,
    # its unique and check constraints, each check in a savepoint), not what the save sets off.
    # Was 324 with django-simple-history (~6 history rows). The revision (django-reversion):
    # the film's genres and its 7 kinds of followed rows (one query a kind, not a row), which
    # of its 4 kinds of versioned rows still exist, the revision and its versions (2); and up
    # to 4 content types while their cache is cold.
    with django_assert_max_num_queries(338) as captured:
        response = editor_client.post(reverse("admin:films_film_change", args=[film.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Credit.objects.filter(film=film, note="uncredited").count() == 3
    writes = [q["sql"] for q in captured.captured_queries if "search_document" in q["sql"]]
    assert len(writes) == 1  # the film's document, once, at commit
