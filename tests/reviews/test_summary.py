"""A film's stored review summary (Film.review_count, Film.average_rating) follows its
published reviews whichever way they change: saves, deletes, bulk writes announced as a change,
and scheduled reviews coming out (manage.py refresh_review_summaries)."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core import changes
from core.publishing import publish, unpublish
from films.models import Film
from reviews.models import Review
from tests.factories import FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def summary(film: Film) -> tuple[int, Decimal | None]:
    film = Film.objects.get(pk=film.pk)
    return film.review_count, film.average_rating


def test_a_film_without_published_reviews_has_none():
    film = FilmFactory()
    ReviewFactory(film=film, draft=True)
    ReviewFactory(film=film, scheduled=True)
    assert summary(film) == (0, None)


def test_publishing_and_unpublishing_moves_the_summary():
    film = FilmFactory()
    ReviewFactory(film=film, rating="4.0")
    draft = ReviewFactory(film=film, draft=True, rating="2.5")
    assert summary(film) == (1, Decimal("4"))
    publish(rows=Review.objects.filter(pk=draft.pk))
    assert summary(film) == (2, Decimal("3.25"))
    unpublish(rows=Review.objects.filter(pk=draft.pk))
    assert summary(film) == (1, Decimal("4"))


def test_editing_a_rating_deleting_and_moving_a_review_move_the_summary():
    film, other = FilmFactory(), FilmFactory()
    review = Review.objects.get(pk=ReviewFactory(film=film, rating="4.0").pk)
    ReviewFactory(film=film, rating="3.0")
    review.rating = Decimal("5.0")
    review.save()
    assert summary(film) == (2, Decimal("4"))
    review.film = other
    review.save()
    assert (summary(film), summary(other)) == ((1, Decimal("3")), (1, Decimal("5")))
    review.delete()
    assert summary(other) == (0, None)


def test_the_average_keeps_the_precision_of_computing_it():
    film = FilmFactory()
    for rating in ("3.0", "3.5", "3.5"):
        ReviewFactory(film=film, rating=rating)
    assert round(summary(film)[1], 10) == Decimal("3.3333333333")


def test_a_film_saved_whole_keeps_the_summary_a_review_wrote_since_it_was_loaded():
    film = FilmFactory()
    loaded = Film.objects.get(pk=film.pk)
    ReviewFactory(film=film, rating="4.5")
    loaded.logline = "A dancer learns to kill."
    loaded.save()
    assert summary(film) == (1, Decimal("4.5"))


def test_a_bulk_write_announced_as_a_change_refreshes_the_summary():
    film = FilmFactory()
    Review.objects.bulk_create([ReviewFactory.build(film=film, author=ReviewFactory().author)])
    assert summary(film) == (0, None)  # bulk inserts send no signal
    changes.record(review_summaries=[film.pk])
    assert summary(film) == (1, Decimal("4"))


def test_a_scheduled_review_counts_once_the_command_runs_after_its_time():
    film, untouched = FilmFactory(), FilmFactory()
    ReviewFactory(film=untouched)
    scheduled = ReviewFactory(film=film, scheduled=True, rating="3.0")
    assert summary(film) == (0, None)
    # Its time comes: nothing is saved.
    Review.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    out = StringIO()
    call_command("refresh_review_summaries", stdout=out)
    assert summary(film) == (1, Decimal("3"))
    assert out.getvalue() == "Refreshed the review summary of 1 films.\n"
    out = StringIO()
    call_command("refresh_review_summaries", stdout=out)  # nothing left behind
    assert out.getvalue() == "Refreshed the review summary of 0 films.\n"


def test_the_command_looks_back_as_far_as_it_is_told():
    film = FilmFactory()
    scheduled = ReviewFactory(film=film, scheduled=True)
    Review.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - timedelta(hours=2))
    call_command("refresh_review_summaries", stdout=StringIO())
    assert summary(film) == (0, None)  # went live two hours ago: outside the last hour
    call_command("refresh_review_summaries", "--minutes", "180", stdout=StringIO())
    assert summary(film) == (1, Decimal("4"))


def test_the_command_with_all_checks_every_film():
    film = FilmFactory()
    Review.objects.bulk_create([ReviewFactory.build(film=film, author=ReviewFactory().author)])
    call_command("refresh_review_summaries", "--all", stdout=StringIO())
    assert summary(film) == (1, Decimal("4"))


def test_the_command_refuses_a_window_of_nothing():
    with pytest.raises(CommandError, match="--minutes must be at least 1"):
        call_command("refresh_review_summaries", "--minutes", "0")


def test_a_review_save_that_changes_no_rating_refreshes_no_summary(django_assert_num_queries):
    review = Review.objects.get(pk=ReviewFactory().pk)
    review.standfirst = "Second thoughts."
    # the UPDATE, the mentions' two reads; the document, its write, its words; the feed's
    # two: no films_film UPDATE
    with django_assert_num_queries(8) as captured:
        review.save()
    assert not any('UPDATE "films_film"' in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize(
    "path", ["/films/?sort=-rating", "/api/v1/films/?sort=-rating&rating_min=3"]
)
def test_film_lists_by_rating_read_no_reviews(client, path, django_assert_max_num_queries):
    for rating in ("3.0", "4.5"):
        ReviewFactory(rating=rating)
    # the page: the countries and languages films have, the count, the genre, country and
    # language menus, the films, their directors; the API: the count, the films, their
    # countries, languages, genres. The ratings are the films' own columns.
    with django_assert_max_num_queries(8) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert not any("reviews_review" in query["sql"] for query in captured.captured_queries)


def rated(film: Film) -> int:
    return Film.objects.get(pk=film.pk).rated_review_count


def test_the_rated_count_follows_the_published_reviews_that_carry_a_rating():
    film = FilmFactory()
    ReviewFactory(film=film, rating="4.0")
    unrated = ReviewFactory(film=film, rating=None)
    draft = ReviewFactory(film=film, draft=True, rating="2.5")
    assert (summary(film), rated(film)) == ((2, Decimal("4")), 1)
    publish(rows=Review.objects.filter(pk=draft.pk))
    assert rated(film) == 2
    unrated.rating = Decimal("3.0")
    unrated.save()
    assert rated(film) == 3
    unpublish(rows=Review.objects.filter(pk=draft.pk))
    assert rated(film) == 2


def test_a_stale_rated_count_is_announced_and_refreshed():
    from reviews.services import announce_reviews_gone_live

    film = FilmFactory()
    ReviewFactory(film=film, rating="4.0")
    Film.objects.filter(pk=film.pk).update(rated_review_count=7)  # as no save would leave it
    assert announce_reviews_gone_live(within=None) == [film.pk]
    assert rated(film) == 1
    assert announce_reviews_gone_live(within=None) == []
