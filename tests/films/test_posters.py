"""Posters made for films that have none (films/posters.py): the same for the same film, a
different one for another, drawn with what the font has, made once and then read from
storage, and used wherever a poster goes."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image
from rest_framework.test import APIClient

from core.links import absolute_url
from films import posters
from films.posters import PosterText, printable, render
from tests.factories import CreditFactory, FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db

COME_AND_SEE = PosterText("Come and See", 1985, ("Elem Klimov",))


def test_a_poster_is_a_png_of_two_by_three_the_same_every_time():
    image = Image.open(io.BytesIO(render(COME_AND_SEE)))
    assert (image.format, image.size) == ("PNG", (480, 720))
    assert render(COME_AND_SEE) == render(COME_AND_SEE)


@pytest.mark.parametrize(
    "other",
    [
        PosterText("Come and See", 1986, ("Elem Klimov",)),
        PosterText("Come and See", 1985, ("Larisa Shepitko",)),
        PosterText("Ivan's Childhood", 1962, ("Andrei Tarkovsky",)),
    ],
)
def test_another_title_year_or_director_makes_another_poster(other):
    assert render(other) != render(COME_AND_SEE)
    assert other.file_name != COME_AND_SEE.file_name


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        ("JOHN WICK: CHAPTER 3 – PARABELLUM", "JOHN WICK: CHAPTER 3 - PARABELLUM"),
        ("AMÉLIE", "AMELIE"),
        ("SØREN", "SOREN"),
        ("ジョン・ウィック 2", "2"),  # a script the font lacks is left out, not drawn as boxes
    ],
)
def test_what_the_font_cannot_draw_is_made_plain(text, drawn):
    assert printable(text) == drawn


def test_the_poster_is_made_on_the_first_request_and_read_from_storage_after(client, monkeypatch):
    film = FilmFactory(title="Come and See", year=1985)
    director = PersonFactory(name="Elem Klimov")
    CreditFactory(film=film, person=director, role="director", character="")
    made = []
    monkeypatch.setattr(posters, "render", lambda text: made.append(text) or render(text))

    first = client.get(f"/films/{film.slug}/poster.png")
    second = client.get(f"/films/{film.slug}/poster.png")

    assert made == [COME_AND_SEE]
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "image/png"
    assert first["Cache-Control"] == "public, max-age=86400"
    assert first.content == second.content == render(COME_AND_SEE)
    assert default_storage.exists(COME_AND_SEE.file_name)


def test_an_uploaded_poster_wins_everywhere(client):
    film = FilmFactory(title="Yaaba", year=1989)
    film.poster.save("yaaba.png", ContentFile(render(PosterText("x", 1, ()))))
    response = client.get(f"/films/{film.slug}/poster.png")
    assert response.status_code == 302
    assert response["Location"] == film.poster.url
    html = client.get(film.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="{absolute_url(film.poster.url)}">' in html
    assert ".320w.webp 320w" in html  # its renditions, made as it was stored
    row = APIClient().get(f"/api/v1/films/{film.slug}/").json()
    assert row["poster_generated"] is False
    assert row["poster"].endswith(film.poster.url)


def test_every_film_page_and_list_row_shows_a_poster(client):
    film = FilmFactory(title="Come and See", year=1985)
    page = client.get(film.get_absolute_url()).content.decode()
    assert (
        '<img class="poster" src="/films/come-and-see-1985/poster.png" '
        'srcset="/films/come-and-see-1985/poster.png 480w"'
    ) in page
    assert 'width="480" height="720" alt="Poster for Come and See (1985)"' in page
    listing = client.get("/films/").content.decode()
    assert (
        '<img class="film-card-poster" src="/films/come-and-see-1985/poster.png" '
        'srcset="/films/come-and-see-1985/poster.png 480w"'
    ) in listing
    assert 'width="480" height="720" alt=""' in listing  # the link's text is the title


def test_an_unknown_film_has_no_poster(client):
    assert client.get("/films/no-such-film/poster.png").status_code == 404


def test_the_demo_ships_with_its_posters_made(client, monkeypatch):
    call_command("load_demo", verbosity=0)
    monkeypatch.setattr(posters, "render", lambda text: pytest.fail(f"made {text} on a request"))
    for slug in ("ballerina-2025", "hot-fuzz-2007", "the-usual-suspects-1995"):
        response = client.get(f"/films/{slug}/poster.png")
        assert response.status_code == 200
        assert response.content.startswith(b"\x89PNG")
