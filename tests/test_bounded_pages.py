"""A film or person mentioned in hundreds of reviews: their page shows the first and links to
a list of all of them, in the same queries as for two."""

import pytest
from django.urls import reverse

from reviews.models import MENTIONED_IN_LIMIT
from sitewide.views import REVIEWS_SHOWN
from tests.factories import FilmFactory, PersonFactory, ReviewFactory
from tests.test_pages import json_ld

pytestmark = pytest.mark.django_db


def mentioned_in(count: int, obj) -> list:
    reviews = ReviewFactory.create_batch(count, body="Nothing linked.")
    relation = "mentioned_films" if hasattr(obj, "year") else "mentioned_people"
    for review in reviews:
        getattr(review, relation).add(obj)
    return reviews


@pytest.mark.parametrize("count", [2, MENTIONED_IN_LIMIT + 5])
def test_a_film_page_shows_the_first_mentions_and_links_to_all(
    client, count, django_assert_max_num_queries
):
    heat = FilmFactory(title="Heat", year=1995)
    mentioned_in(count, heat)
    # film+collection, countries, languages, genres, credits+people, release dates,
    # alternative titles, relations, reviews, reviews that mention it, stills, lists
    with django_assert_max_num_queries(12):
        html = client.get(heat.get_absolute_url()).content.decode()
    section = html[html.index('id="mentioned-in"') :]
    assert section.count('class="review-card"') == min(count, MENTIONED_IN_LIMIT)
    link = f"{reverse('reviews:list')}?mentions_film={heat.slug}"
    assert (link in section) == (count > MENTIONED_IN_LIMIT)


def test_a_person_page_links_to_all_their_mentions(client, django_assert_max_num_queries):
    pacino = PersonFactory(name="Al Pacino")
    mentioned_in(MENTIONED_IN_LIMIT + 1, pacino)
    # person, credits with films, known for, reviews that mention them
    with django_assert_max_num_queries(4):
        html = client.get(pacino.get_absolute_url()).content.decode()
    assert html.count('class="review-card"') == MENTIONED_IN_LIMIT
    assert f"?mentions_person={pacino.slug}" in html


def test_the_reviews_list_narrows_to_a_film_its_mentions_or_a_persons(client):
    heat = FilmFactory(title="Heat", year=1995)
    pacino = PersonFactory(name="Al Pacino")
    own = ReviewFactory(film=heat, headline="Own review")
    mentions = mentioned_in(3, heat)
    about_pacino = mentioned_in(1, pacino)
    ReviewFactory(headline="Unrelated")
    url = reverse("reviews:list")

    html = client.get(url, {"film": heat.slug}).content.decode()
    assert "Reviews of Heat (1995)</h1>" in html
    assert html.count('class="review-card"') == 1 and own.headline in html

    html = client.get(url, {"mentions_film": heat.slug}).content.decode()
    assert "Reviews that mention Heat (1995)</h1>" in html
    assert html.count('class="review-card"') == 3
    assert all(review.headline in html for review in mentions)
    assert 'type="hidden" name="mentions_film" value="heat-1995"' in html  # kept by the form
    assert "Filters (1)" not in html  # the panel shows no filter set

    html = client.get(url, {"mentions_person": pacino.slug}).content.decode()
    assert "Reviews that mention Al Pacino</h1>" in html
    assert html.count('class="review-card"') == 1 and about_pacino[0].headline in html


def test_an_unknown_film_is_said_not_a_500(client):
    ReviewFactory()
    response = client.get(reverse("reviews:list"), {"mentions_film": "no-such-film"})
    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()


@pytest.mark.parametrize("count", [2, REVIEWS_SHOWN + 5])
def test_a_film_page_shows_its_first_reviews_and_links_to_all(
    client, count, django_assert_max_num_queries
):
    heat = FilmFactory(title="Heat", year=1995)
    for number in range(count):
        ReviewFactory(film=heat, rating="4.0" if number % 2 else "3.0")
    # as above
    with django_assert_max_num_queries(12):
        response = client.get(heat.get_absolute_url())
    html = response.content.decode()
    section = html[html.index('id="reviews"') :]
    assert section.count('class="review-card"') == min(count, REVIEWS_SHOWN)
    link = f"{reverse('reviews:list')}?film={heat.slug}"
    assert (f'href="{link}">All {count} reviews of Heat →' in section) == (count > REVIEWS_SHOWN)
    movie = json_ld(response)
    assert movie["aggregateRating"]["ratingCount"] == count  # all of them, not those shown
    assert len(movie["review"]) == min(count, REVIEWS_SHOWN)
