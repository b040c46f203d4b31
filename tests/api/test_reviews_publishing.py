"""The API publishes only a ready review (headline, rating, byline, body), on create, PUT and
PATCH, and says in its error shape which fields are missing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import Review
from tests.factories import EditorFactory, FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db

NOT_READY = {
    "status": 400,
    "code": "invalid",
    "message": "Not ready to publish: no rating, no body.",
    "fields": {
        "non_field_errors": ["Not ready to publish: no rating, no body."],
        "rating": ["Needed to publish."],
        "body": ["Needed to publish."],
    },
}


def test_a_draft_may_be_created_without_a_rating_or_body(editor_api):
    film = FilmFactory()
    response = editor_api.post(
        "/api/v1/reviews/", {"film": film.slug, "headline": "Amélie review"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert Review.objects.get().missing_for_publication() == ["rating", "body"]


@pytest.mark.parametrize("when", [None, timedelta(days=3)])
def test_publishing_or_scheduling_an_unready_review_is_refused(editor_api, when):
    film = FilmFactory()
    payload = {"film": film.slug, "headline": "Amélie review", "status": "published"}
    if when:
        payload["published_at"] = (timezone.now() + when).isoformat()
    response = editor_api.post("/api/v1/reviews/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": NOT_READY}
    assert not Review.objects.exists()


def test_patching_a_draft_to_published_is_refused_until_it_is_ready(editor_api):
    draft = ReviewFactory(draft=True, rating=None, body="")
    url = f"/api/v1/reviews/{draft.slug}/"
    response = editor_api.patch(url, {"status": "published"}, format="json")
    assert response.json() == {"error": NOT_READY}
    draft.refresh_from_db()
    assert draft.status == Review.Status.DRAFT

    ready = {"status": "published", "rating": 3.5, "body": "Whimsy, *weaponised*."}
    response = editor_api.patch(url, ready, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published"
    draft.refresh_from_db()
    assert draft.is_public


def test_a_published_review_cannot_lose_its_rating(editor_api):
    review = ReviewFactory()
    response = editor_api.patch(f"/api/v1/reviews/{review.slug}/", {"rating": None}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["rating"] == ["Needed to publish."]
    review.refresh_from_db()
    assert review.rating is not None


def test_an_author_without_a_full_name_must_type_a_byline(editor_api):
    author = EditorFactory(username="nameless", first_name="", last_name="")
    review = ReviewFactory(author=author, byline="", scheduled=True)  # saved before this rule
    payload = {"film": review.film.slug, "headline": review.headline, "body": "Yes.", "rating": 4}
    response = editor_api.put(
        f"/api/v1/reviews/{review.slug}/", payload | {"status": "published"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"] == "Not ready to publish: no byline."
    assert list(error["fields"]) == ["non_field_errors", "byline"]

    payload |= {"status": "published", "byline": "N. Castellan"}
    response = editor_api.put(f"/api/v1/reviews/{review.slug}/", payload, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["byline"] == "N. Castellan"


def test_patching_a_drafts_headline_moves_its_slug(editor_api):
    draft = ReviewFactory(draft=True, headline="Amélie review")
    response = editor_api.patch(
        f"/api/v1/reviews/{draft.slug}/", {"headline": "Amélie, revisited"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["slug"] == "amelie-revisited"
    draft.refresh_from_db()
    assert draft.slug == "amelie-revisited"


def test_patching_a_published_headline_keeps_its_slug(editor_api):
    review = ReviewFactory(headline="Amélie review")
    response = editor_api.patch(
        f"/api/v1/reviews/{review.slug}/", {"headline": "Amélie, revisited"}, format="json"
    )
    assert response.json()["slug"] == "amelie-review"
