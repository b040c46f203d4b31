"""Lists in the admin: an editor writes one with its films in rows, reorders them by typing
a number, and cannot publish one without films or an introduction."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.changes import committed
from lists.models import FilmList
from tests.factories import FilmFactory, FilmListFactory

pytestmark = pytest.mark.django_db


def list_form(films: list, positions: list[str], **fields) -> dict:
    data = {
        "title": "The best films of 1994",
        "slug": "",
        "introduction": "A year of *extraordinary* debuts.",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "byline": "",
        "entries-TOTAL_FORMS": str(len(films)),
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
    }
    for row, (film, position) in enumerate(zip(films, positions, strict=True)):
        data |= {
            f"entries-{row}-film": str(film.pk),
            f"entries-{row}-position": position,
            f"entries-{row}-blurb": f"Row {row}.",
        }
    return data | fields


def test_an_editor_adds_a_list_and_its_rows_are_numbered_by_the_positions_typed(
    editor_client, editor
):
    films = FilmFactory.create_batch(3)
    data = list_form(films, ["3", "1", ""], author=str(editor.pk))
    response = editor_client.post(reverse("admin:lists_filmlist_add"), data)
    assert response.status_code == 302, response.context["adminform"].errors
    film_list = FilmList.objects.get()
    order = list(film_list.entries.values_list("film", "position"))
    assert order == [(films[1].pk, 1), (films[0].pk, 2), (films[2].pk, 3)]  # blank goes last
    assert film_list.byline == editor.get_full_name()
    assert film_list.slug == "the-best-films-of-1994"


def test_a_list_without_films_cannot_be_published(editor_client, editor):
    data = list_form([], [], author=str(editor.pk), status="published")
    response = editor_client.post(reverse("admin:lists_filmlist_add"), data)
    assert response.status_code == 200
    assert "A published list needs at least one film." in response.content.decode()
    assert not FilmList.objects.exists()


def test_the_add_form_starts_with_blank_rows_and_the_editor_as_author(editor_client, editor):
    html = editor_client.get(reverse("admin:lists_filmlist_add")).content.decode()
    assert 'name="entries-TOTAL_FORMS" value="3"' in html
    assert f'value="{editor.get_full_name()}"' in html


def test_the_publish_action_publishes_what_is_ready_and_says_why_it_skipped_the_rest(
    editor_client,
):
    ready = FilmListFactory(title="Ready", draft=True, films=[FilmFactory()])
    FilmListFactory(title="No films", draft=True)
    FilmListFactory(title="No introduction", draft=True, introduction="", films=[FilmFactory()])
    response = editor_client.post(
        reverse("admin:lists_filmlist_changelist"),
        {"action": "publish", "_selected_action": FilmList.objects.values_list("pk", flat=True)},
    )
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.is_public
    assert set(FilmList.objects.filter(status="draft").values_list("title", flat=True)) == {
        "No films",
        "No introduction",
    }
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Published 1 list(s)." in texts
    assert "Skipped “No films”: no films" in texts[1]
    assert "Skipped “No introduction”: no introduction" in texts[1]


def test_a_film_that_is_not_an_id_is_a_form_error(editor_client, editor):
    data = list_form([], [], author=str(editor.pk))
    data |= {"entries-TOTAL_FORMS": "1", "entries-0-film": "nonsense", "entries-0-position": "1"}
    response = editor_client.post(reverse("admin:lists_filmlist_add"), data)
    assert response.status_code == 200
    assert not FilmList.objects.exists()


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_changelist_costs_the_same_whatever_the_number_of_lists(editor_client):
    FilmListFactory(films=FilmFactory.create_batch(2))
    FilmListFactory(films=FilmFactory.create_batch(30))
    changelist = reverse("admin:lists_filmlist_changelist")
    few = queries_for(editor_client, changelist)
    FilmListFactory.create_batch(20)
    assert queries_for(editor_client, changelist) == few


def test_the_form_costs_the_same_whatever_the_number_of_films(editor_client):
    small = FilmListFactory(films=FilmFactory.create_batch(2))
    large = FilmListFactory(films=FilmFactory.create_batch(30))
    change = "admin:lists_filmlist_change"
    html = editor_client.get(reverse(change, args=[large.pk])).content.decode()
    assert html.count("selected>") >= 30  # every row still shows its film
    assert queries_for(editor_client, reverse(change, args=[small.pk])) == queries_for(
        editor_client, reverse(change, args=[large.pk])
    )


def test_the_unpublish_action_saves_each_list_so_the_change_is_announced(editor_client):
    """It saved with .update() once, which the feed, search and caches never heard of."""
    heard = []
    committed.connect(receiver := lambda sender, changes, **kwargs: heard.append(changes))
    published = FilmListFactory(films=[FilmFactory()])
    heard.clear()
    try:
        response = editor_client.post(
            reverse("admin:lists_filmlist_changelist"),
            {"action": "unpublish", "_selected_action": [published.pk]},
        )
    finally:
        committed.disconnect(receiver)
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == FilmList.Status.DRAFT
    assert any(published.pk in changes["lists"] for changes in heard), heard
