"""Curated lists in search: published ones found by title, introduction, byline and their
films' titles, on the page and in the API, kept in step by the change event; drafts and
scheduled lists never shown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.publishing import unpublish
from lists.models import FilmList
from search.models import SearchDocument
from search.service import search
from tests.factories import FilmFactory, FilmListFactory

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return [film_list.title for film_list in search(query).lists]


@pytest.fixture
def lists(db):
    amelie = FilmFactory(title="Amélie", year=2001)
    leap = FilmFactory(title="Ballerina", year=2016)
    return {
        "paris": FilmListFactory(
            title="Paris on screen",
            introduction="Films that make you *wish* for a café on Montmartre.",
            byline="Hélène Durand",
            films=[amelie],
        ),
        "dance": FilmListFactory(
            title="Dance films for beginners",
            introduction="Pirouettes, mostly.",
            films=[leap],
        ),
        "draft": FilmListFactory(
            title="Paris after dark", introduction="Night walks.", draft=True, films=[amelie]
        ),
        "scheduled": FilmListFactory(
            title="Paris in the spring", introduction="Blossom.", scheduled=True
        ),
    }


def test_published_lists_are_found_by_title_introduction_byline_and_films(lists):
    assert found("paris") == ["Paris on screen"]
    assert found("montmartre") == ["Paris on screen"]  # the introduction, as text
    assert found("wish") == ["Paris on screen"]  # not its Markdown
    assert found("durand") == ["Paris on screen"]  # the byline
    assert found("pirouettes") == ["Dance films for beginners"]
    assert found("ballerina") == ["Dance films for beginners"]  # one of its films


def test_accents_are_ignored_both_ways(lists):
    assert found("cafe") == ["Paris on screen"]
    assert found("helene") == ["Paris on screen"]
    assert found("amelie") == ["Paris on screen"]
    assert found("Pâris ön scrèen") == ["Paris on screen"]


def test_drafts_and_scheduled_lists_are_not_found_until_their_time(lists):
    assert found("dark") == []
    assert found("blossom") == []
    assert search("paris").lists.total == 1
    assert not SearchDocument.objects.filter(
        kind=SearchDocument.Kind.LIST, object_id=lists["draft"].pk
    ).exists()
    # The scheduled list is indexed and appears when its time comes, without a save.
    FilmList.objects.filter(pk=lists["scheduled"].pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    SearchDocument.objects.filter(
        kind=SearchDocument.Kind.LIST, object_id=lists["scheduled"].pk
    ).update(last_activity=timezone.now() - timedelta(minutes=1))
    assert found("blossom") == ["Paris in the spring"]


def test_publishing_adds_and_unpublishing_removes_a_list(lists):
    draft = lists["draft"]
    draft.status = FilmList.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    assert found("dark") == ["Paris after dark"]
    assert unpublish(rows=FilmList.objects.filter(pk=draft.pk)) == 1
    assert found("dark") == []
    assert found("paris") == ["Paris on screen"]


def test_edits_renamed_films_and_deletes_follow(lists):
    paris = lists["paris"]
    paris.title = "Paris, je t'aime"
    paris.save()
    assert found("aime") == ["Paris, je t'aime"]
    assert found("screen") == []
    amelie = paris.films.get()
    amelie.title = "Le Fabuleux Destin"
    amelie.save()  # the list carries its films' titles
    assert found("fabuleux") == ["Paris, je t'aime"]
    paris.entries.all().delete()
    assert found("fabuleux") == []
    paris.delete()
    assert found("montmartre") == []


def test_the_page_shows_lists_as_cards_with_posters(lists, client):
    html = client.get("/search/", {"q": "paris"}).content.decode()
    assert "Lists (1)" in html
    assert '<ul class="film-list-cards search-lists">' in html
    assert '<h3 class="film-list-title"><a href="/lists/' in html
    assert "By Hélène Durand · 1 film" in html
    assert 'class="film-list-poster"' in html
    assert "Paris after dark" not in html and "Paris in the spring" not in html
    assert 'href="?q=paris&amp;type=lists"' in html


@pytest.mark.parametrize("count", [2, 10])
def test_the_page_queries_stay_the_same_however_many_lists_match(
    count, client, django_assert_max_num_queries
):
    films = FilmFactory.create_batch(3, title="Noir")
    FilmListFactory.create_batch(count, title="Noir classics", films=films)
    # Queries: the vocabulary near the words; the ranked matches with every group's count;
    # the films; the lists with their film counts; their entries with the films' posters.
    with django_assert_max_num_queries(5):
        response = client.get("/search/", {"q": "noir"})
    html = response.content.decode()
    assert f"Lists ({count})" in html
    assert html.count('class="film-list-card"') == count


def test_the_api_lists_published_lists(lists, client):
    body = client.get("/api/v1/search/", {"q": "paris"}).json()
    assert [film_list["title"] for film_list in body["lists"]] == ["Paris on screen"]
    assert body["lists"][0]["film_count"] == 1
    assert body["lists"][0]["site_url"].endswith(lists["paris"].get_absolute_url())
