"""What readers tripped over: relations that read as sentences from both ends, /favicon.ico,
an empty lang attribute, a bad sort emptying the film list, and 404s logged twice."""

import logging

import pytest
from rest_framework.test import APIClient

from films.models import FilmRelation, RelationKind
from tests.factories import FilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wick():
    chapter_3 = FilmFactory(title="John Wick: Chapter 3 – Parabellum", year=2019)
    chapter_4 = FilmFactory(title="John Wick: Chapter 4", year=2023)
    ballerina = FilmFactory(title="Ballerina", year=2025)
    FilmRelation.objects.create(film=chapter_4, kind=RelationKind.SEQUEL_OF, related_film=chapter_3)
    for other in (chapter_3, chapter_4):
        FilmRelation.objects.create(
            film=ballerina, kind=RelationKind.SET_BETWEEN, related_film=other
        )
    return chapter_3, chapter_4, ballerina


def related(client, film) -> list[str]:
    html = client.get(film.get_absolute_url()).content.decode()
    section = html[html.index('class="plain-list relations"') :]
    section = section[: section.index("</ul>")]
    items = section.split("<li>")[1:]
    return [_text(item) for item in items]


def _text(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", html).strip()


def test_relations_read_as_sentences_from_both_ends(client, wick):
    chapter_3, chapter_4, ballerina = wick
    assert related(client, ballerina) == [
        "Set between John Wick: Chapter 3 – Parabellum (2019) and John Wick: Chapter 4 (2023)"
    ]
    assert related(client, chapter_3) == [
        "Followed by John Wick: Chapter 4 (2023)",
        "Ballerina (2025) is set between this film and John Wick: Chapter 4 (2023)",
    ]
    assert related(client, chapter_4) == [
        "Sequel to John Wick: Chapter 3 – Parabellum (2019)",
        "Ballerina (2025) is set between this film and John Wick: Chapter 3 – Parabellum (2019)",
    ]


def test_favicon_ico_points_at_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_an_original_title_carries_no_empty_lang(client):
    film = FilmFactory(title="Come and See", original_title="Idi i smotri", year=1985)
    html = client.get(film.get_absolute_url()).content.decode()
    assert "Original title: Idi i smotri" in html
    assert 'lang=""' not in html


def test_an_unknown_sort_lists_films_in_the_default_order(client):
    FilmFactory.create_batch(3)
    default = client.get("/films/").content.decode().count('class="film-card"')
    response = client.get("/films/", {"sort": "nonsense"})
    assert response.status_code == 200
    assert response.content.decode().count('class="film-card"') == default == 3


def test_the_api_still_refuses_an_unknown_sort():
    response = APIClient().get("/api/v1/films/", {"sort": "nonsense"})
    assert response.status_code == 400
    assert "sort" in response.json()["error"]["fields"]


def test_a_404_is_logged_once(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get("/films/no-such-film/")
    # django.request says "Not Found"; runserver's own line (django.server) is left out.
    assert not logging.getLogger("django.server").isEnabledFor(logging.WARNING)
    assert [r.getMessage() for r in caplog.records if r.name == "django.request"] == [
        "Not Found: /films/no-such-film/"
    ]
