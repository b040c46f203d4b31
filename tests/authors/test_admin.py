"""Authors in the admin: an editor adds and changes one (with a headshot) but cannot delete
one, and a new review or list starts credited to the editor's own author profile."""

import re

import pytest
from django.urls import reverse

from authors.models import Author
from reviews.models import Review
from tests.admin_forms import submitted
from tests.factories import AuthorFactory, FilmFactory, ReviewFactory
from tests.images import upload

pytestmark = pytest.mark.django_db


def test_an_editor_adds_an_author_with_a_headshot(editor_client, editor):
    response = editor_client.post(
        reverse("admin:authors_author_add"),
        {
            "name": "Nora Castellan",
            "slug": "",
            "bio": "Writes about stunt teams.",
            "headshot": upload("nora.jpg", width=400, height=500),
            "user": str(editor.pk),
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    author = Author.objects.get()
    assert (author.slug, author.user, author.headshot_width) == ("nora-castellan", editor, 400)
    assert author.headshot_picture.srcsets  # renditions made


def test_an_editor_changes_an_author_and_the_old_address_redirects(editor_client, client):
    author = AuthorFactory(name="Nora Castellan")
    ReviewFactory(critic=author)
    change = reverse("admin:authors_author_change", args=[author.pk])
    form = submitted(editor_client.get(change), name="Nora C. Castellan", slug="nora-c")
    response = editor_client.post(change, form)
    assert response.status_code == 302, response.context["adminform"].errors
    author.refresh_from_db()
    assert (author.name, author.slug) == ("Nora C. Castellan", "nora-c")
    assert client.get("/authors/nora-castellan/")["Location"] == "/authors/nora-c/"


def test_a_bio_longer_than_500_characters_is_a_form_error(editor_client):
    data = {"name": "Wordy", "slug": "", "bio": "word " * 101, "user": ""}
    response = editor_client.post(reverse("admin:authors_author_add"), data)
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()
    assert not Author.objects.exists()


def test_an_editor_cannot_delete_an_author(editor_client):
    author = AuthorFactory()
    delete = reverse("admin:authors_author_delete", args=[author.pk])
    assert editor_client.get(delete).status_code == 403
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Author.objects.filter(pk=author.pk).exists()


@pytest.mark.parametrize("url_name", ["admin:reviews_review_add", "admin:lists_filmlist_add"])
def test_a_new_review_or_list_is_credited_to_the_editors_profile(editor_client, editor, url_name):
    profile = AuthorFactory(name="Sam Desk", user=editor)
    form = editor_client.get(reverse(url_name)).context["adminform"].form
    assert (form.initial["critic"], form.initial["byline"]) == (profile.pk, "Sam Desk")
    assert form.initial["author"] == editor.pk


def test_an_editor_credits_a_review_to_a_critic_found_by_autocomplete(editor_client, editor):
    AuthorFactory(name="Tomás Ferreira")
    critic = AuthorFactory(name="Nora Castellan")
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "nora", "app_label": "reviews", "model_name": "review", "field_name": "critic"},
    ).json()
    assert [row["text"] for row in found["results"]] == ["Nora Castellan"]
    add = reverse("admin:reviews_review_add")
    form = submitted(
        editor_client.get(add),
        film=FilmFactory().pk,
        headline="Pirouettes and pistols",
        critic=critic.pk,
        byline="",
    )
    response = editor_client.post(add, form)
    assert response.status_code == 302, response.context["adminform"].errors
    review = Review.objects.get()
    assert (review.critic, review.byline, review.author) == (critic, "Nora Castellan", editor)


def test_the_list_form_offers_the_critic_by_autocomplete(editor_client):
    html = editor_client.get(reverse("admin:lists_filmlist_add")).content.decode()
    select = re.search(r'<select name="critic"[^>]*>', html).group()
    assert "admin-autocomplete" in select and 'data-field-name="critic"' in select
