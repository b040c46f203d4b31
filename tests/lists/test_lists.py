"""Curated lists: an editor's films in order, each with a blurb, under an introduction;
drafts and scheduled lists are seen only by editors; the slug follows the title until the
list is published."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lists.models import Entry, FilmList
from tests.factories import EditorFactory, FilmFactory, FilmListFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


def test_the_slug_follows_the_title_while_a_draft_and_stays_once_published():
    film_list = FilmListFactory(draft=True, title="Best of 2024")
    assert film_list.slug == "best-of-2024"
    film_list.title = "The best films of 2025"
    film_list.save()
    assert film_list.slug == "the-best-films-of-2025"
    film_list.status, film_list.published_at = FilmList.Status.PUBLISHED, None
    film_list.full_clean()
    film_list.save()
    film_list.title = "The best films of 2025, revisited"
    film_list.save()
    assert FilmList.objects.get().slug == "the-best-films-of-2025"


def test_an_old_slug_redirects(client):
    film_list = FilmListFactory(title="Where to start with Wong Kar-wai")
    film_list.slug = "wong-kar-wai-for-beginners"
    film_list.save()
    response = client.get("/lists/where-to-start-with-wong-kar-wai/")
    assert response.status_code == 301
    assert response["Location"] == "/lists/wong-kar-wai-for-beginners/"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"introduction": ""}, "Not ready to publish: no introduction."),
        ({"byline": "", "introduction": " "}, "Not ready to publish: no introduction, no byline."),
    ],
)
def test_a_list_cannot_be_published_until_it_is_ready(missing, message):
    author = EditorFactory(first_name="", last_name="")
    film_list = FilmListFactory.build(author=author, **missing)
    with pytest.raises(ValidationError) as error:
        film_list.full_clean()
    assert error.value.message_dict["__all__"] == [message]


def test_readers_see_published_lists_only(client):
    FilmListFactory(title="Out now", films=[FilmFactory()])
    FilmListFactory(title="Still a draft", draft=True)
    FilmListFactory(title="Next week", scheduled=True)
    html = client.get("/lists/").content.decode()
    assert "Out now" in html
    assert "Still a draft" not in html and "Next week" not in html
    assert client.get("/lists/still-a-draft/").status_code == 404


def test_editors_preview_drafts_with_a_banner(client):
    film_list = FilmListFactory(title="Still a draft", draft=True)
    client.force_login(EditorFactory())
    html = client.get(film_list.get_absolute_url()).content.decode()
    assert "Draft — not public." in html
    assert "application/ld+json" not in html  # nothing for search engines to index


def test_a_list_page_shows_its_films_in_order_with_posters_and_blurbs(
    client, django_assert_max_num_queries
):
    wong = [("In the Mood for Love", 2000), ("Chungking Express", 1994), ("2046", 2004)]
    films = [FilmFactory(title=title, year=year) for title, year in wong]
    film_list = FilmListFactory(title="Where to start with Wong Kar-wai", films=films)
    with django_assert_max_num_queries(4):  # session-free: the list, its entries and films
        html = client.get(film_list.get_absolute_url()).content.decode()
    titles = re.findall(r'class="film-list-entry-title">.*?<a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["In the Mood for Love", "Chungking Express", "2046"]
    entries = html[html.index('class="film-list-entries"') :]
    assert entries.count("<img") == 3
    assert "<em>reward</em>" in html  # the introduction is Markdown
    data = json_ld(html)
    assert data["@type"] == "ItemList" and data["numberOfItems"] == 3
    assert [item["position"] for item in data["itemListElement"]] == [1, 2, 3]
    assert data["itemListElement"][1]["name"] == "Chungking Express (1994)"


def test_the_lists_page_costs_the_same_for_many_lists(client, django_assert_num_queries):
    for _ in range(2):
        FilmListFactory(films=FilmFactory.create_batch(5))
    with django_assert_num_queries(3) as few:  # count, lists with film counts, their entries
        client.get("/lists/")
    for _ in range(8):
        FilmListFactory(films=FilmFactory.create_batch(5))
    with django_assert_num_queries(len(few)):
        html = client.get("/lists/").content.decode()
    assert html.count('class="film-list-card"') == 10


def test_a_film_is_on_a_list_once():
    film = FilmFactory()
    film_list = FilmListFactory(films=[film])
    with pytest.raises(ValidationError, match="This film is already on the list."):
        Entry(film_list=film_list, film=film, position=2).full_clean()


def test_saving_a_list_shows_on_the_next_read(client):
    film_list = FilmListFactory(title="Before", films=[FilmFactory()])
    assert "Before" in client.get("/lists/").content.decode()
    film_list.title = "After"
    film_list.save()
    assert "After" in client.get("/lists/").content.decode()


def test_the_lists_link_is_in_the_site_navigation(client):
    html = client.get(reverse("lists:list")).content.decode()
    assert '<a href="/lists/" aria-current="page">Lists</a>' in html


def test_a_film_page_names_the_published_lists_it_is_on(client):
    film = FilmFactory()
    FilmListFactory(title="Where to start", films=[film])
    FilmListFactory(title="A draft", draft=True, films=[film])
    html = client.get(film.get_absolute_url()).content.decode()
    section = html[html.index('id="in-lists"') :]
    assert "Where to start" in section and "A draft" not in section


def test_published_lists_are_in_the_sitemap(client):
    FilmListFactory(title="Where to start", films=[FilmFactory()])
    FilmListFactory(title="A draft", draft=True)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/lists/where-to-start/" in xml and "/lists/a-draft/" not in xml
    assert "<loc>http://testserver/lists/</loc>" in xml or "/lists/</loc>" in xml
