"""The change pages of people, reviews and curated lists run the same queries however many
rows their inlines show."""

import pytest
from django.urls import reverse

from tests.admin_forms import submitted
from tests.factories import (
    CreditFactory,
    FilmFactory,
    FilmListFactory,
    PersonFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("credit_count", [2, 30])
def test_a_persons_page_runs_the_same_queries_however_many_credits(
    superuser_client, django_assert_max_num_queries, credit_count
):
    person = PersonFactory()
    CreditFactory.create_batch(credit_count, person=person)
    # Queries: the session; the user; the person with their credit count; the credits with
    # their films and the person (each row is named by both).
    url = reverse("admin:people_person_change", args=[person.pk])
    superuser_client.get(url)  # the content types, read once and cached
    with django_assert_max_num_queries(4):
        response = superuser_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="form-row has_original') == credit_count


@pytest.mark.parametrize("film_count", [2, 10])
def test_a_lists_page_runs_the_same_queries_however_many_films(
    superuser_client, django_assert_max_num_queries, film_count
):
    film_list = FilmListFactory(films=FilmFactory.create_batch(film_count))
    # Queries: the session; the user; the list; the entries with their films; the authors to
    # choose from; the labels of the entries' films, in one query.
    url = reverse("admin:lists_filmlist_change", args=[film_list.pk])
    superuser_client.get(url)  # the content types, read once and cached
    with django_assert_max_num_queries(6):
        response = superuser_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="form-row has_original') == film_count


@pytest.mark.parametrize("mention_count", [2, 10])
def test_a_reviews_page_runs_the_same_queries_however_many_mentions(
    superuser_client, django_assert_max_num_queries, mention_count
):
    review = ReviewFactory()
    review.mentioned_films.set(FilmFactory.create_batch(mention_count))
    review.mentioned_people.set(PersonFactory.create_batch(mention_count))
    # Queries: the session; the user; the review; the label of its film; the authors to
    # choose from; the films it mentions; the people it mentions.
    url = reverse("admin:reviews_review_change", args=[review.pk])
    superuser_client.get(url)  # the content types, read once and cached
    with django_assert_max_num_queries(7):
        response = superuser_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert all(film.title in page for film in review.mentioned_films.all())


@pytest.mark.parametrize("film_count", [2, 10])
def test_saving_a_lists_page_runs_the_same_queries_however_many_films(
    superuser_client, django_assert_max_num_queries, film_count
):
    film_list = FilmListFactory(films=FilmFactory.create_batch(film_count))
    url = reverse("admin:lists_filmlist_change", args=[film_list.pk])
    data = submitted(superuser_client.get(url), title="Films worth a third look")
    # Queries (26 on SQLite): the session; the user; the list (its id, then the row); its
    # authors to choose from; its entries; the author's check; the list's check constraints
    # (two, each in a savepoint) and its slug; the entries sent back, and their films, one
    # query each; the UPDATE; the admin log; the list's version (a savepoint and its release,
    # its entries read, then which still exist, the revision, its versions); at commit, the
    # list's search document (a read, a write, its words) and the feed (its publication time,
    # the entry).
    with django_assert_max_num_queries(33):
        response = superuser_client.post(url, data)
    assert response.status_code == 302
    film_list.refresh_from_db()
    assert film_list.title == "Films worth a third look"
    assert film_list.entries.count() == film_count
