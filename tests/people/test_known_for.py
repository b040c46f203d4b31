"""A person's "Known for" (reviews.selectors.known_for) and a credit's "credited as" name."""

import pytest

from films.models import CreditRole
from reviews.selectors import known_for
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_films_they_lead_first_then_the_most_reviewed_then_the_newest(
    django_assert_num_queries,
):
    keanu = PersonFactory(name="Keanu Reeves")
    matrix = FilmFactory(title="The Matrix", year=1999)
    speed = FilmFactory(title="Speed", year=1994)
    wick = FilmFactory(title="John Wick", year=2014)
    dracula = FilmFactory(title="Bram Stoker's Dracula", year=1992)
    cameo = FilmFactory(title="Ballerina", year=2025)
    CreditFactory(film=matrix, person=keanu, role=CreditRole.CAST, order=1)
    CreditFactory(film=speed, person=keanu, role=CreditRole.CAST, order=1)
    CreditFactory(film=wick, person=keanu, role=CreditRole.CAST, order=1)
    CreditFactory(film=dracula, person=keanu, role=CreditRole.CAST, order=4)
    CreditFactory(film=cameo, person=keanu, role=CreditRole.CAST, order=7)
    for _ in range(2):
        ReviewFactory(film=matrix)
    ReviewFactory(film=cameo)  # reviewed, but not a lead
    ReviewFactory(film=speed, status="draft", published_at=None)  # not public: not counted

    with django_assert_num_queries(1):
        films = known_for(keanu)
    assert [film.title for film in films] == ["The Matrix", "John Wick", "Speed", "Ballerina"]


def test_a_person_with_one_film_has_no_known_for_section(client):
    credit = CreditFactory()
    html = client.get(credit.person.get_absolute_url()).content.decode()
    assert "Known for" not in html


def test_the_person_page_lists_what_they_are_known_for(client):
    person = PersonFactory(name="Wong Kar-wai")
    for title, year in [("Chungking Express", 1994), ("In the Mood for Love", 2000)]:
        film = FilmFactory(title=title, year=year)
        CreditFactory(film=film, person=person, role="director", character="")
    html = client.get(person.get_absolute_url()).content.decode()
    html = html[html.index("<main") :]
    assert (
        html.index("Known for")
        < html.index("In the Mood for Love")
        < html.index("Chungking Express")
    )
