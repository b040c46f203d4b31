"""The admin's index: drafts, scheduled reviews and films missing facts, in a fixed number of
queries, with a way to the review importer."""

import pytest
from django.urls import reverse

from films.admin import films_missing_facts
from tests.factories import (
    CreditFactory,
    FilmFactory,
    GenreFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def complete_film(**fields):
    """A film with every fact the dashboard asks for (the poster a stored file name)."""
    film = FilmFactory(poster="films/posters/whole.jpg", **fields)
    film.genres.add(GenreFactory())
    CreditFactory(film=film)
    return film


@pytest.fixture
def desk(editor):
    complete_film(title="Whole")
    return {
        "drafts": ReviewFactory.create_batch(2, draft=True, author=editor),
        "scheduled": ReviewFactory.create_batch(2, scheduled=True, author=editor),
        "published": ReviewFactory(headline="Out already", author=editor),
        "bare": FilmFactory(title="Bare", runtime_minutes=None, countries=[], languages=[]),
    }


def test_films_missing_facts_names_what_each_lacks(desk):
    missing = {film.title: gaps for film, gaps in films_missing_facts()}
    assert "Whole" not in missing
    assert missing["Bare"] == ["poster", "runtime", "credits", "genres"]


def test_dashboard_lists_what_needs_an_editor_in_fixed_queries(
    editor_client, desk, django_assert_num_queries
):
    # session, user, the editor's own and group permissions, films missing facts, drafts,
    # scheduled, the recent actions sidebar
    with django_assert_num_queries(8):
        response = editor_client.get(reverse("admin:index"))
    page = response.content.decode()
    dashboard = response.context["dashboard"]
    assert list(dashboard["drafts"]) == desk["drafts"][::-1]  # last edited first
    assert list(dashboard["scheduled"]) == sorted(
        desk["scheduled"], key=lambda review: review.published_at
    )
    for review in desk["drafts"] + desk["scheduled"]:
        assert reverse("admin:reviews_review_change", args=[review.pk]) in page
    assert "Out already" not in page
    assert reverse("admin:films_film_change", args=[desk["bare"].pk]) in page
    assert "no poster, no runtime, no credits, no genres" in page
    assert f'href="{reverse("admin:reviews_review_import")}"' in page
    assert "The editors&#x27; desk | Marquee</title>" in page


def test_the_scheduled_link_lists_only_scheduled_reviews(editor_client, desk):
    page = editor_client.get(reverse("admin:index"))
    query = page.context["dashboard"]["scheduled_query"]
    listed = editor_client.get(f"{reverse('admin:reviews_review_changelist')}?{query}")
    assert listed.status_code == 200
    assert set(listed.context["cl"].result_list) == set(desk["scheduled"])


def test_staff_without_review_permissions_see_no_reviews(client, desk):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["dashboard"] == {"can_import": False}
    assert "Import a review" not in response.content.decode()
