"""The film, people and review lists: poster cards, filters that work without JavaScript and
fold on a phone, sorts, bad input as a normal page with a message, and queries that do not grow
with the rows."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from films.models import Credit
from tests.factories import (
    CreditFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# Films


@pytest.mark.parametrize("film_count", [3, 20])
def test_film_list_queries_do_not_grow_with_the_films(
    client, django_assert_num_queries, film_count
):
    drama = GenreFactory(name="Drama")
    for film in FilmFactory.create_batch(film_count, countries=["FR"], languages=["fr"]):
        film.genres.add(drama)
        CreditFactory(film=film, role=Credit.Role.DIRECTOR, character="")
        CreditFactory(film=film, role=Credit.Role.DIRECTOR, character="")
        ReviewFactory.create_batch(2, film=film)
    # The count; the page of films with their rating; their directors. The choices: genres;
    # country codes in use and their countries; language codes in use and their languages.
    with django_assert_num_queries(8):
        html = html_of(client.get("/films/", {"sort": "-rating"}))
    assert html.count('class="film-card"') == film_count


def test_film_list_is_a_grid_of_poster_cards(client):
    film = FilmFactory(title="Come and See", year=1985)
    director = PersonFactory(name="Elem Klimov")
    CreditFactory(film=film, person=director, role=Credit.Role.DIRECTOR, character="")
    ReviewFactory(film=film, rating="4.5")
    ReviewFactory(film=film, rating="3.5")
    html = html_of(client.get("/films/"))
    card = re.search(r'<li class="film-card">(.*?)</li>', html, re.S).group(1)
    # The poster sits in the link with the title, so it needs no text of its own.
    link = re.search(r'<a href="/films/come-and-see-1985/">(.*?)</a>', card, re.S).group(1)
    assert re.search(r'<img class="film-card-poster" [^>]*alt=""', link)
    assert 'width="480" height="720"' in link
    assert '<span class="poster-caption">Come and See</span>' in link
    assert "1985" in card and "Elem Klimov" in card
    assert "Rated 4 out of 5" in card and 'title="Average of 2 reviews"' in card


def test_film_list_filters_fold_on_a_phone_and_open_when_set(client):
    FilmFactory()
    closed = html_of(client.get("/films/"))
    toggle = re.search(r'<input type="checkbox" id="filters-shown"[^>]*>', closed).group(0)
    assert "checked" not in toggle
    assert '<label for="filters-shown" class="filters-toggle-label">Filters</label>' in closed
    opened = html_of(client.get("/films/", {"decade": "1990", "director": "x", "sort": "year"}))
    toggle = re.search(r'<input type="checkbox" id="filters-shown"[^>]*>', opened).group(0)
    assert "checked" in toggle
    assert "Filters (2)" in opened  # the sort is not a filter


def test_film_list_finds_the_director_by_name_and_keeps_old_slug_links(client):
    villeneuve = PersonFactory(name="Denis Villeneuve")
    arrival = FilmFactory(title="Arrival", year=2016)
    CreditFactory(film=arrival, person=villeneuve, role=Credit.Role.DIRECTOR, character="")
    FilmFactory(title="Heat", year=1995)

    def titles(director):
        response = client.get("/films/", {"director": director})
        return [film.title for film in response.context["films"]]

    assert titles("villeneuve") == titles("Denis Villeneuve") == ["Arrival"]
    assert titles("denis-villeneuve") == ["Arrival"]
    html = html_of(client.get("/films/", {"director": "Denis Villeneuve"}))
    assert 'value="Denis Villeneuve"' in html
    assert 'data-suggest-url="/search/suggest/" data-suggest-type="people"' in html


def test_film_list_with_a_bad_sort_keeps_the_default_order(client):
    FilmFactory(title="Zodiac", year=2007)
    FilmFactory(title="Alien", year=1979)
    response = client.get("/films/", {"sort": "nonsense"})
    assert [film.title for film in response.context["films"]] == ["Alien", "Zodiac"]
    assert "Some filters could not be used" not in html_of(response)


# People


@pytest.mark.parametrize("person_count", [3, 20])
def test_people_list_queries_do_not_grow_with_the_people(
    client, django_assert_num_queries, person_count
):
    for person in PersonFactory.create_batch(person_count):
        CreditFactory.create_batch(2, person=person, role=Credit.Role.DIRECTOR, character="")
    # The count; the page of people, each with their main role (a subquery).
    with django_assert_num_queries(2):
        html = html_of(client.get("/people/", {"role": "director"}))
    assert html.count('class="person-card"') == person_count


def test_people_are_filed_by_surname_under_their_initial(client):
    for name in ["Agnès Varda", "Bong Joon-ho", "Ana de Armas", "Kelly Reichardt"]:
        PersonFactory(name=name)
    response = client.get("/people/")
    assert [person.name for person in response.context["people"]] == [
        "Ana de Armas",  # Armas, Ana de
        "Bong Joon-ho",  # Joon-ho, Bong, until an editor files it as written
        "Kelly Reichardt",
        "Agnès Varda",
    ]
    html = html_of(response)
    initials = re.findall(r'<h2 class="people-initial"[^>]*>(.*?)</h2>', html)
    assert initials == ["A", "J", "R", "V"]
    assert '<span class="person-card-initials" aria-hidden="true">AV</span>' in html


def test_people_list_shows_each_person_by_their_main_role(client):
    keanu = PersonFactory(name="Keanu Reeves", birth_date="1964-09-02")
    CreditFactory.create_batch(2, person=keanu, role=Credit.Role.CAST)
    CreditFactory(person=keanu, role=Credit.Role.DIRECTOR, character="")
    PersonFactory(name="Uncredited Person")
    html = html_of(client.get("/people/"))
    assert '<span class="meta">Actor · b. 1964</span>' in html
    assert '<span class="meta"></span>' in html


def test_people_list_filters_by_role(client):
    gerwig = PersonFactory(name="Greta Gerwig")
    CreditFactory(person=gerwig, role=Credit.Role.DIRECTOR, character="")
    CreditFactory(person=gerwig, role=Credit.Role.DIRECTOR, character="")
    CreditFactory(person=PersonFactory(name="Saoirse Ronan"), role=Credit.Role.CAST)
    response = client.get("/people/", {"role": "director"})
    assert [person.name for person in response.context["people"]] == ["Greta Gerwig"]
    assert '<option value="director" selected>Directors</option>' in html_of(response)
    response = client.get("/people/", {"role": "composer"})
    assert "No one has a credit in that role yet." in html_of(response)


def test_people_list_ignores_a_bad_role_and_says_so(client):
    PersonFactory.create_batch(2)
    response = client.get("/people/", {"role": "auteur", "page": "x"})
    html = html_of(response)
    assert len(response.context["people"]) == 2
    assert "Select a valid choice" in html and "Showing everyone." in html


def test_people_list_shows_a_headshot_when_there_is_one(client):
    from django.core.files.base import ContentFile
    from PIL import Image

    person = PersonFactory(name="Ana de Armas")
    image = Image.new("RGB", (400, 500), "grey")
    from io import BytesIO

    buffer = BytesIO()
    image.save(buffer, "JPEG")
    person.photo.save("ana.jpg", ContentFile(buffer.getvalue()))
    html = html_of(client.get("/people/"))
    assert re.search(r'<img class="person-card-photo" [^>]*alt=""[^>]*loading="lazy"', html)
    assert "person-card-initials" not in html


# Reviews


@pytest.fixture
def reviews():
    """Four published reviews of films in two genres by two critics, and a draft."""
    now = timezone.now()
    drama, horror = GenreFactory(name="Drama"), GenreFactory(name="Horror")
    made = {}
    for days, title, genre, byline, rating in [
        (4, "Alien", horror, "Pauline Kael", "4.5"),
        (3, "Zodiac", drama, "Roger Ebert", "3.0"),
        (2, "Heat", drama, "Pauline Kael", "5.0"),
        (1, "Carrie", horror, "Roger Ebert", None),
    ]:
        film = FilmFactory(title=title)
        film.genres.add(genre)
        made[title] = ReviewFactory(
            film=film,
            headline=f"On {title}",
            byline=byline,
            rating=rating,
            published_at=now - timedelta(days=days),
        )
    ReviewFactory(byline="Draft Critic", draft=True)
    return made


def films_listed(client, **params) -> list[str]:
    response = client.get("/reviews/", params)
    assert response.status_code == 200
    return [review.film.title for review in response.context["reviews"]]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Carrie", "Heat", "Zodiac", "Alien"]),
        ("-published_at", ["Carrie", "Heat", "Zodiac", "Alien"]),
        ("published_at", ["Alien", "Zodiac", "Heat", "Carrie"]),
        ("-rating", ["Heat", "Alien", "Zodiac", "Carrie"]),  # unrated last
        ("rating", ["Zodiac", "Alien", "Heat", "Carrie"]),
        ("film", ["Alien", "Carrie", "Heat", "Zodiac"]),
        ("nonsense", ["Carrie", "Heat", "Zodiac", "Alien"]),  # the default order
    ],
)
def test_review_list_sorts(client, reviews, sort, expected):
    assert films_listed(client, sort=sort) == expected


def test_review_list_filters_by_genre_and_critic(client, reviews):
    assert films_listed(client, genre="horror") == ["Carrie", "Alien"]
    assert films_listed(client, critic="Pauline Kael") == ["Heat", "Alien"]
    assert films_listed(client, critic="Pauline Kael", genre="drama", sort="film") == ["Heat"]
    html = html_of(client.get("/reviews/"))
    critics = re.search(r'<select name="critic"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)"', critics) == ["", "Pauline Kael", "Roger Ebert"]


@pytest.mark.parametrize(
    "params", [{"genre": "nope"}, {"critic": "Draft Critic"}, {"rating": "7"}, {"critic": "x"}]
)
def test_review_list_ignores_a_bad_filter_and_says_so(client, reviews, params):
    response = client.get("/reviews/", params)
    html = html_of(response)
    assert len(response.context["reviews"]) == 4
    assert "Some filters could not be used" in html and "Select a valid choice" in html


def test_review_list_shows_each_film_s_poster(client, reviews):
    html = html_of(client.get("/reviews/"))
    assert re.search(
        r'<img class="review-item-poster" src="/films/alien-[0-9]+/poster.png" [^>]*'
        r'alt="Poster for Alien \([0-9]+\)"',
        html,
    )


@pytest.mark.parametrize("review_count", [3, 20])
def test_review_list_queries_do_not_grow_with_the_reviews(
    client, django_assert_num_queries, review_count
):
    drama = GenreFactory(name="Drama")
    for review in ReviewFactory.create_batch(review_count):
        review.film.genres.add(drama)
    # The genre asked for; the count; the page of reviews with their films; the genre choices;
    # the critics' bylines.
    with django_assert_num_queries(5):
        html = html_of(client.get("/reviews/", {"genre": "drama", "sort": "film"}))
    assert html.count('class="review-item"') == review_count
