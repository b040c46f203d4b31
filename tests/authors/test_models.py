"""An author's slug and page address, and the byline a review or list is given when none is
typed: its critic's name, else the editor's author profile (then its critic), else the
editor's full name."""

import pytest
from django.db.models import ProtectedError

from authors.models import Author
from core.models import OldSlug
from lists.models import FilmList
from reviews.models import Review
from tests.factories import AuthorFactory, EditorFactory, FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def make(model, **fields):
    """A review or list saved with no byline typed."""
    if model is Review:
        return Review.objects.create(film=FilmFactory(), headline="A headline", **fields)
    return FilmList.objects.create(title="A list", **fields)


def test_the_slug_is_made_from_the_name_and_kept_unique():
    first = Author.objects.create(name="Tomás Ferreira")
    second = Author.objects.create(name="Tomás Ferreira")
    assert (first.slug, second.slug) == ("tomas-ferreira", "tomas-ferreira-2")
    assert first.get_absolute_url() == "/authors/tomas-ferreira/"
    assert (first.initials, str(first)) == ("TF", "Tomás Ferreira")


@pytest.mark.parametrize("model", [Review, FilmList])
def test_an_empty_byline_is_the_critics_name(model):
    editor = EditorFactory(first_name="Sam", last_name="Desk")
    AuthorFactory(name="Sam Desk's profile", user=editor)  # the critic given wins over it
    critic = AuthorFactory(name="Nora Castellan")
    bylined = make(model, author=editor, critic=critic)
    assert (bylined.byline, bylined.critic) == ("Nora Castellan", critic)


@pytest.mark.parametrize("model", [Review, FilmList])
def test_without_a_critic_the_editors_author_profile_is_credited(model):
    editor = EditorFactory(first_name="Samuel", last_name="Desk")
    profile = AuthorFactory(name="Sam Desk", user=editor)
    bylined = make(model, author=editor)
    bylined.refresh_from_db()
    assert (bylined.byline, bylined.critic) == ("Sam Desk", profile)


@pytest.mark.parametrize("model", [Review, FilmList])
def test_without_a_profile_the_byline_is_the_editors_full_name(model):
    editor = EditorFactory(first_name="Sam", last_name="Desk")
    bylined = make(model, author=editor)
    assert (bylined.byline, bylined.critic) == ("Sam Desk", None)


@pytest.mark.parametrize("model", [Review, FilmList])
def test_a_typed_byline_is_kept_and_credits_no_one_unasked(model):
    editor = EditorFactory()
    AuthorFactory(user=editor)
    bylined = make(model, author=editor, byline="Guest Writer")
    assert (bylined.byline, bylined.critic) == ("Guest Writer", None)


def test_a_changed_slug_is_remembered_for_the_old_address():
    author = AuthorFactory(name="Nora Castellan")
    author.slug = "nora-c"
    author.save()
    assert OldSlug.now_at(Author.objects.all(), "nora-castellan") == author


def test_an_author_with_reviews_cannot_be_deleted():
    critic = AuthorFactory()
    ReviewFactory(critic=critic)
    with pytest.raises(ProtectedError):
        critic.delete()
