"""Only a ready review is published: a headline, a rating, a byline and a body, whichever way it
is published (the admin's form and action, the service, scheduling). The slug follows the
headline while a review is a draft and stays once it is published."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import OldSlug
from core.publishing import publish
from reviews.models import Review
from tests.admin_forms import submitted
from tests.factories import EditorFactory, FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def unready_draft(**fields) -> Review:
    """A draft with a headline and nothing else a reader needs."""
    return ReviewFactory(draft=True, rating=None, body="", **fields)


# The rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({}, []),
        ({"rating": None}, ["rating"]),
        ({"body": ""}, ["body"]),
        ({"body": " \n\t"}, ["body"]),
        ({"byline": "", "rating": None, "body": ""}, ["rating", "byline", "body"]),
        ({"headline": ""}, ["headline"]),
    ],
)
def test_missing_for_publication_names_what_a_review_lacks(fields, missing):
    review = ReviewFactory.build(**{"byline": "Nora Castellan", **fields})
    assert review.missing_for_publication() == missing


def test_a_draft_may_lack_everything_but_its_headline():
    draft = ReviewFactory.build(draft=True, rating=None, body="", byline="")
    draft.full_clean(exclude=["film", "author"])
    with pytest.raises(ValidationError) as error:
        ReviewFactory.build(draft=True, headline="").full_clean(exclude=["film", "author"])
    assert list(error.value.message_dict) == ["headline"]


@pytest.mark.parametrize("when", [None, timedelta(days=-1), timedelta(days=3)])
def test_clean_refuses_to_publish_or_schedule_what_is_not_ready(when):
    review = ReviewFactory.build(
        status=Review.Status.PUBLISHED,
        published_at=timezone.now() + when if when else None,
        rating=None,
        body="",
        byline="Nora Castellan",
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean(exclude=["film", "author"])
    assert error.value.message_dict == {
        "__all__": ["Not ready to publish: no rating, no body."],
        "rating": ["Needed to publish."],
        "body": ["Needed to publish."],
    }


def test_the_byline_is_the_authors_full_name_never_the_username():
    named = ReviewFactory(draft=True, byline="")
    assert named.byline == named.author.get_full_name() != ""
    nameless = ReviewFactory(
        draft=True, byline="", author=EditorFactory(first_name="", last_name="")
    )
    assert nameless.byline == ""
    nameless.status = Review.Status.PUBLISHED
    with pytest.raises(ValidationError) as error:
        nameless.full_clean()
    assert error.value.message_dict["byline"] == ["Needed to publish."]


def test_clean_fills_an_empty_byline_before_checking_it():
    review = ReviewFactory(draft=True)
    review.byline, review.status = "", Review.Status.PUBLISHED
    review.full_clean()
    assert review.byline == review.author.get_full_name()


# The service ------------------------------------------------------------------------------------


def test_publish_reviews_publishes_the_ready_and_skips_the_rest():
    ready = ReviewFactory(draft=True)
    unready = unready_draft(headline="Amélie review")
    unready_updated_at = unready.updated_at
    publication = publish(rows=Review.objects.filter(pk__in=[ready.pk, unready.pk]))
    assert publication.published == [ready]
    assert publication.skipped == [(unready, ["rating", "body"])]
    ready.refresh_from_db()
    unready.refresh_from_db()
    assert ready.is_public
    assert (unready.status, unready.published_at) == (Review.Status.DRAFT, None)
    assert unready.updated_at == unready_updated_at  # not saved at all


def test_scheduling_skips_what_is_not_ready():
    unready = unready_draft()
    later = timezone.now() + timedelta(days=2)
    publication = publish(rows=Review.objects.filter(pk=unready.pk), at=later)
    assert publication.published == []
    assert [review for review, _ in publication.skipped] == [unready]
    assert not Review.objects.filter(status=Review.Status.PUBLISHED).exists()


# The admin --------------------------------------------------------------------------------------


def test_the_add_form_prefills_the_byline_with_the_editors_full_name(editor_client, editor):
    page = editor_client.get(reverse("admin:reviews_review_add"))
    assert page.context["adminform"].form.initial["byline"] == editor.get_full_name()


def test_an_editor_without_a_full_name_gets_no_byline(client):
    nameless = EditorFactory(username="nameless", first_name="", last_name="")
    client.force_login(nameless)
    page = client.get(reverse("admin:reviews_review_add"))
    assert page.context["adminform"].form.initial["byline"] == ""


def add_form(film, author, **typed) -> dict:
    return {
        "film": film.pk,
        "headline": "Amélie review",
        "slug": "",
        "standfirst": "",
        "body": "",
        "rating": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "author": author.pk,
        "byline": author.get_full_name(),
        **typed,
    }


def test_the_admin_saves_an_unready_draft(editor_client, editor):
    response = editor_client.post(
        reverse("admin:reviews_review_add"), add_form(FilmFactory(), editor)
    )
    assert response.status_code == 302
    assert Review.objects.get().missing_for_publication() == ["rating", "body"]


def test_the_admin_form_says_what_publishing_needs_and_saves_nothing(editor_client, editor):
    response = editor_client.post(
        reverse("admin:reviews_review_add"),
        add_form(FilmFactory(), editor, status="published", byline=""),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == ["Not ready to publish: no rating, no body."]
    assert {name: form.errors[name] for name in ("rating", "body")} == {
        "rating": ["Needed to publish."],
        "body": ["Needed to publish."],
    }
    assert "byline" not in form.errors  # filled in with the author's full name
    assert "Not ready to publish: no rating, no body." in response.content.decode()
    assert not Review.objects.exists()


def test_the_admin_form_refuses_to_schedule_what_is_not_ready(editor_client):
    review = unready_draft(headline="Amélie review")
    url = reverse("admin:reviews_review_change", args=[review.pk])
    tomorrow = timezone.localtime() + timedelta(days=1)
    response = editor_client.post(
        url,
        submitted(
            editor_client.get(url),
            status="published",
            published_at_0=tomorrow.date().isoformat(),
            published_at_1="09:00:00",
            rating="4.0",
        ),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Not ready to publish: no body."
    ]
    review.refresh_from_db()
    assert (review.status, review.rating) == (Review.Status.DRAFT, None)


def test_the_publish_action_publishes_the_ready_and_names_the_skipped(editor_client):
    ready = ReviewFactory(draft=True)
    unready = unready_draft(headline="Amélie review")
    nameless = ReviewFactory(
        draft=True, headline="Anonymous", author=EditorFactory(first_name="", last_name="")
    )
    response = editor_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, unready.pk, nameless.pk]},
        follow=True,
    )
    assert sorted(str(message) for message in get_messages(response.wsgi_request)) == [
        "Published 1 review(s).",
        "Skipped “Amélie review”: no rating, no body.",
        "Skipped “Anonymous”: no byline.",
    ]
    assert "Skipped “Amélie review”: no rating, no body." in response.content.decode()
    assert list(Review.objects.published()) == [ready]


def test_the_publish_action_reports_only_skips_when_nothing_is_ready(editor_client):
    unready = unready_draft(headline="Amélie review")
    response = editor_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "publish", "_selected_action": [unready.pk]},
    )
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Skipped “Amélie review”: no rating, no body."
    ]


# The slug ---------------------------------------------------------------------------------------


def test_a_drafts_slug_follows_its_headline():
    draft = ReviewFactory(draft=True, headline="Amélie review")
    assert draft.slug == "amelie-review"
    draft.headline = "Amélie, a Paris fairy tale"
    draft.save()
    draft.refresh_from_db()
    assert draft.slug == "amelie-a-paris-fairy-tale"


def test_a_drafts_slug_follows_a_headline_saved_alone():
    """The API's PATCH saves only the fields it was sent."""
    draft = ReviewFactory(draft=True, headline="Amélie review")
    draft.headline = "Amélie again"
    draft.save(update_fields=["headline", "updated_at"])
    draft.refresh_from_db()
    assert draft.slug == "amelie-again"


def test_a_slug_typed_with_the_headline_wins():
    draft = ReviewFactory(draft=True, headline="Amélie review")
    draft.headline, draft.slug = "Amélie, a Paris fairy tale", "amelie"
    draft.save()
    assert draft.slug == "amelie"


def test_a_draft_published_with_a_new_headline_takes_its_slug():
    draft = ReviewFactory(draft=True, headline="Working title")
    draft.headline, draft.status = "Amélie review", Review.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    assert draft.slug == "amelie-review"


def test_a_published_reviews_slug_stays_when_its_headline_changes(client):
    review = ReviewFactory(headline="Amélie review")
    review.headline = "Amélie, a Paris fairy tale"
    review.save()
    review.refresh_from_db()
    assert review.slug == "amelie-review"
    assert client.get("/reviews/amelie-review/").status_code == 200


def test_a_draft_follows_its_headline_through_the_admin(editor_client):
    draft = unready_draft(headline="Amélie review")
    url = reverse("admin:reviews_review_change", args=[draft.pk])
    # The form sends back the slug it showed: the headline alone changed.
    response = editor_client.post(
        url, submitted(editor_client.get(url), headline="Amélie, a Paris fairy tale")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.slug == "amelie-a-paris-fairy-tale"


def test_a_published_slug_changed_in_the_admin_keeps_redirecting(editor_client, client):
    review = ReviewFactory(headline="Amélie review")
    url = reverse("admin:reviews_review_change", args=[review.pk])
    response = editor_client.post(
        url,
        submitted(editor_client.get(url), headline="Amélie, revisited", slug="amelie-revisited"),
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.slug == "amelie-revisited"
    assert OldSlug.now_at(Review.objects.all(), "amelie-review") == review
    old = client.get("/reviews/amelie-review/")
    assert (old.status_code, old["Location"]) == (301, "/reviews/amelie-revisited/")


def test_a_drafts_new_headline_costs_a_slug_and_its_old_address(django_assert_max_num_queries):
    draft = Review.objects.get(pk=ReviewFactory(draft=True).pk)
    draft.headline = "Second thoughts"
    # A review's save (tests/core/test_changes.py), its search document deleted as a draft's
    # is; the slugs taken; the old slug remembered (content type, lookup, insert, savepoints)
    with django_assert_max_num_queries(8 + 1 + 7):
        draft.save()
    assert draft.slug == "second-thoughts"
