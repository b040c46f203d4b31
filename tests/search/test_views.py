"""The search page and the suggestions endpoint: grouped results, per-group pages, bounded
queries, bad input as a normal page, and a header box that needs no inline script."""

import re

import pytest

from core.images import PictureFormField, rendition_name
from search import service
from tests.factories import FilmFactory, PersonFactory, ReviewFactory
from tests.images import upload

pytestmark = pytest.mark.django_db


def test_the_page_groups_results_with_counts_links_and_snippets(
    catalogue, client, django_assert_max_num_queries
):
    # Queries: the vocabulary near the words; the ranked matches with every group's count;
    # the films; the reviews.
    with django_assert_max_num_queries(4):
        response = client.get("/search/", {"q": "ballerina"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Films (3)" in html and "Reviews (1)" in html and "People (" not in html
    assert catalogue["ballerina"].get_absolute_url() in html
    assert "From the World of John Wick: Ballerina" in html  # the original title
    assert "Ballerina draft" not in html
    assert '<p class="snippet">' in html
    assert 'href="?q=ballerina&amp;type=films"' in html  # the group on its own


def test_the_page_shows_review_snippets_and_the_api_does_not_make_them(
    catalogue, client, monkeypatch
):
    made = []
    real_highlight = service.highlight
    monkeypatch.setattr(
        service,
        "highlight",
        lambda *args, **kwargs: made.append(args) or real_highlight(*args, **kwargs),
    )
    response = client.get("/api/v1/search/", {"q": "amelie"})
    assert response.status_code == 200 and len(response.json()["reviews"]) == 1
    assert made == []
    html = client.get("/search/", {"q": "amelie"}).content.decode()
    assert '<p class="snippet">' in html and "<mark>Amélie</mark>" in html
    assert len(made) == 1


def test_a_typo_says_these_are_close_spellings(catalogue, client):
    html = client.get("/search/", {"q": "kenau reeves"}).content.decode()
    assert "nothing matched “kenau reeves” as typed" in html
    assert "People (1)" in html and "Keanu Reeves" in html


def test_one_group_pages_through_all_its_results(client, django_assert_max_num_queries):
    FilmFactory.create_batch(45, title="Storm")
    PersonFactory.create_batch(12, name="Storm Reid")
    html = client.get("/search/", {"q": "storm"}).content.decode()
    assert html.count('<li><a href="/films/storm') == 10
    assert "All 45 films →" in html and "All 12 people →" in html
    # Queries: the vocabulary, the ranked matches and counts, then this page of films.
    with django_assert_max_num_queries(3):
        response = client.get("/search/", {"q": "storm", "type": "films", "page": "2"})
    html = response.content.decode()
    assert html.count('<li><a href="/films/storm') == 20
    assert "Page 2 of 3" in html
    assert 'href="?q=storm&amp;type=films&amp;page=1"' in html
    assert 'href="?q=storm&amp;type=films&amp;page=3"' in html
    assert "People (12)" in html  # the other groups' counts, as links
    assert 'href="/people/storm' not in html
    last = client.get("/search/", {"q": "storm", "type": "films", "page": "99"})
    assert "Page 3 of 3" in last.content.decode()


def test_suggestions_are_json_with_a_short_cache_and_bounded_queries(
    catalogue, client, django_assert_max_num_queries
):
    # The vocabulary and the matches, from the index; the films' and people's pictures.
    with django_assert_max_num_queries(3):
        response = client.get("/search/suggest/", {"q": "balle"})
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "max-age=60"
    assert response.json()["suggestions"][0] == {
        "kind": "film",
        "label": "Ballerina",
        "year": 2025,
        "url": catalogue["ballerina"].get_absolute_url(),
        "image": {  # the poster made for it
            "url": f"/films/{catalogue['ballerina'].slug}/poster.png",
            "width": 480,
            "height": 720,
        },
    }
    # A typo: the vocabulary, then the matches of its close spellings; their pictures.
    with django_assert_max_num_queries(3):
        response = client.get("/search/suggest/", {"q": "kenau"})
    assert response.json()["suggestions"][0]["label"] == "Keanu Reeves"


def test_suggestions_of_people_alone_for_the_film_list_director_field(
    catalogue, client, django_assert_max_num_queries
):
    FilmFactory(title="Keanu", year=2016)
    mixed = client.get("/search/suggest/", {"q": "keanu"}).json()["suggestions"]
    assert {suggestion["kind"] for suggestion in mixed} == {"film", "person"}
    # The vocabulary; the matches with every group's count; the people.
    with django_assert_max_num_queries(3):
        response = client.get("/search/suggest/", {"q": "keanu", "type": "people"})
    assert response.json()["suggestions"] == [
        {
            "kind": "person",
            "label": "Keanu Reeves",
            "year": None,
            "url": catalogue["keanu"].get_absolute_url(),
            "image": None,
        }
    ]
    assert client.get("/search/suggest/", {"q": "keanu", "type": "nonsense"}).json() == {
        "suggestions": mixed
    }


def test_the_header_box_loads_the_suggestions_script_and_has_no_inline_script(client):
    ReviewFactory()
    for url in ("/", "/search/?q=x", "/films/", "/reviews/"):
        html = client.get(url).content.decode()
        assert '<script src="/static/js/autocomplete.js" defer></script>' in html, url
        assert 'data-suggest-url="/search/suggest/"' in html, url
        # Only external scripts and JSON-LD data blocks: nothing a strict CSP would block.
        for attributes in re.findall(r"<script([^>]*)>", html):
            assert "src=" in attributes or 'type="application/ld+json"' in attributes, url
        assert " onclick=" not in html and " style=" not in html, url


def test_robots_keep_crawlers_out_of_search_and_suggestions(client):
    assert "Disallow: /search/" in client.get("/robots.txt").content.decode()


def test_counts_beyond_the_limit_show_as_more_than(client, monkeypatch):
    from search.backends.base import SearchBackend

    FilmFactory.create_batch(7, title="Storm")
    monkeypatch.setattr(SearchBackend, "count_limit", 5)
    html = client.get("/search/", {"q": "storm"}).content.decode()
    assert "Films (5+)" in html and "5+ results" in html
    html = client.get("/search/", {"q": "storm", "type": "films", "page": "9"}).content.decode()
    assert html.count('<li><a href="/films/storm') == 5


def uploaded(name: str, width: int, height: int):
    return PictureFormField().clean(upload(name, width=width, height=height))


@pytest.fixture
def storm_pictures(db):
    """Films, people and reviews matching "storm", with and without pictures uploaded."""
    return {
        "poster": FilmFactory(title="Storm", year=2001, poster=uploaded("storm.jpg", 400, 600)),
        "no_poster": FilmFactory(title="Storm", year=2002),
        "headshot": PersonFactory(name="Storm Reid", photo=uploaded("reid.jpg", 400, 500)),
        "no_headshot": PersonFactory(name="Storm Thorgerson"),
    }


def link_to(obj, html: str) -> str:
    """What the result's link holds: its picture and its text."""
    return re.search(rf'<li><a href="{re.escape(obj.get_absolute_url())}">(.*?)</a>', html)[1]


def test_results_show_posters_and_headshots_or_initials_in_the_same_queries(
    storm_pictures, client, django_assert_num_queries
):
    film, unposted = storm_pictures["poster"], storm_pictures["no_poster"]
    ReviewFactory(film=film, headline="Storm warning")
    ReviewFactory(film=unposted, headline="Storm clouds")
    # Queries: the vocabulary near the words; the ranked matches with every group's count; the
    # films, the people, the reviews with their films: the pictures' fields come with them.
    with django_assert_num_queries(5):
        response = client.get("/search/", {"q": "storm"})
    html = response.content.decode()
    poster = link_to(film, html)
    webp = rendition_name(film.poster.name, 160, "webp")
    assert f'<source type="image/webp" srcset="/media/{webp} 160w' in poster
    assert 'sizes="48px" width="400" height="600" alt="" loading="lazy"' in poster
    assert poster.endswith("Storm (2001)")
    made = link_to(unposted, html)
    assert f'src="/films/{unposted.slug}/poster.png"' in made
    assert 'width="480" height="720" alt="" loading="lazy"' in made
    headshot = storm_pictures["headshot"]
    person = link_to(headshot, html)
    assert rendition_name(headshot.photo.name, 160, "jpg") + " 160w" in person
    assert 'width="400" height="500"' in person
    assert link_to(storm_pictures["no_headshot"], html) == (
        '<span class="search-thumb search-initials" aria-hidden="true">ST</span>Storm Thorgerson'
    )
    reviews = html[html.index('id="found-reviews"') :]
    assert reviews.count("<img ") == 2  # each review shows its film's poster
    assert webp in reviews
    assert f"/films/{unposted.slug}/poster.png" in reviews


def test_suggestions_carry_the_smallest_picture_or_none(
    storm_pictures, client, django_assert_num_queries
):
    # The vocabulary, the matches, and the films' and people's pictures in one query.
    with django_assert_num_queries(3):
        response = client.get("/search/suggest/", {"q": "storm"})
    images = {item["url"]: item["image"] for item in response.json()["suggestions"]}
    film, headshot = storm_pictures["poster"], storm_pictures["headshot"]
    assert images[film.get_absolute_url()] == {
        "url": "/media/" + rendition_name(film.poster.name, 160, "jpg"),
        "width": 160,
        "height": 240,
    }
    unposted = storm_pictures["no_poster"]
    assert images[unposted.get_absolute_url()] == {
        "url": f"/films/{unposted.slug}/poster.png",
        "width": 480,
        "height": 720,
    }
    assert images[headshot.get_absolute_url()] == {
        "url": "/media/" + rendition_name(headshot.photo.name, 160, "jpg"),
        "width": 160,
        "height": 200,
    }
    assert images[storm_pictures["no_headshot"].get_absolute_url()] is None
    # Only films, or only people: one query for their pictures all the same.
    with django_assert_num_queries(3):
        assert client.get("/search/suggest/", {"q": "thorgerson"}).json()["suggestions"]
