"""No edit lost in the admin (core/concurrency.py): a save made from a change form that shows a
state which has changed since is refused, says what changed and who changed it, and keeps what
the editor typed; saving that form again is then a deliberate overwrite."""

from functools import partial

import pytest
import reversion
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from core.concurrency import VERSION_FIELD
from films.models import Collection, Credit, Film
from people.models import Person
from reviews.models import Review
from tests.admin_forms import submitted
from tests.concurrency import postgres_only, require_postgres, run_at_once
from tests.conftest import restore_reference_data
from tests.factories import (
    CollectionFactory,
    CreditFactory,
    EditorFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
)

ROUNDS = 10


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def refused(response) -> str:
    """The form's error at the top, asserting the save was refused."""
    assert response.status_code == 200, "the form again, not a redirect"
    (error,) = response.context["adminform"].form.non_field_errors()
    return error


@pytest.fixture
def ann(db):
    return EditorFactory(username="ann", first_name="Ann", last_name="Lee")


@pytest.fixture
def bob(db):
    return EditorFactory(username="bob", first_name="Bob", last_name="Ray")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ann_client(ann):
    return signed_in(ann)


@pytest.fixture
def bob_client(bob):
    return signed_in(bob)


def test_the_change_form_carries_its_version_and_saves_unchanged(ann_client):
    film = film_with_inlines()
    page = ann_client.get(change_url(film))
    data = submitted(page, logline="Changed by Ann.")
    assert data[VERSION_FIELD][0]
    assert f'type="hidden" name="{VERSION_FIELD}"' in page.content.decode()

    response = ann_client.post(change_url(film), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    film.refresh_from_db()
    assert film.logline == "Changed by Ann."
    assert film.credits.count() == 1  # the inlines went through untouched


def film_with_inlines() -> Film:
    film = FilmFactory(logline="As loaded.", runtime_minutes=100, synopsis="")
    film.genres.add(GenreFactory(name="Crime"))
    CreditFactory(film=film, role=Credit.Role.DIRECTOR, character="")
    return film


def test_a_stale_save_is_refused_saying_what_changed_and_who_and_keeps_the_input(
    ann_client, bob_client
):
    film = film_with_inlines()
    anns_page = ann_client.get(change_url(film))
    bobs = bob_client.post(
        change_url(film), submitted(bob_client.get(change_url(film)), logline="Bob's logline.")
    )
    assert bobs.status_code == 302

    synopsis = "Everything Ann typed must still be here after the refusal. " * 10
    response = ann_client.post(
        change_url(film), submitted(anns_page, runtime_minutes=95, synopsis=synopsis)
    )

    error = refused(response)
    assert "Bob Ray saved this film after you opened it, changing: Logline." in error
    assert "Nothing was saved" in error
    form = response.context["adminform"].form
    assert form.errors["logline"] == ["Changed by Bob Ray since you opened this page."]
    html = response.content.decode()
    assert synopsis.strip() in html and 'value="95"' in html  # what Ann typed
    film.refresh_from_db()
    assert (film.logline, film.runtime_minutes, film.synopsis) == ("Bob's logline.", 100, "")

    # The form now carries the current version: saving it again is Ann's informed choice.
    again = ann_client.post(change_url(film), submitted(response))
    assert again.status_code == 302
    film.refresh_from_db()
    assert (film.logline, film.runtime_minutes) == ("As loaded.", 95)


def test_a_change_to_an_inline_row_since_loading_is_named(ann_client, bob):
    film = film_with_inlines()
    page = ann_client.get(change_url(film))
    credit = film.credits.get()
    credit.note = "uncredited"
    with reversion.create_revision():  # as the API saves it
        reversion.set_user(bob)
        credit.save()

    error = refused(ann_client.post(change_url(film), submitted(page, logline="Mine.")))

    assert "Bob Ray saved this film after you opened it, changing: Credits." in error
    film.refresh_from_db()
    assert film.logline == "As loaded."
    assert film.credits.get().note == "uncredited"


def test_a_change_without_history_is_by_someone(ann_client):
    film = film_with_inlines()
    page = ann_client.get(change_url(film))
    Film.objects.filter(pk=film.pk).update(runtime_minutes=130, aspect_ratio="1.85:1")

    error = refused(ann_client.post(change_url(film), submitted(page, logline="Mine.")))

    assert "Someone saved this film after you opened it" in error
    assert "Runtime (minutes), Aspect ratio" in error
    film.refresh_from_db()
    assert film.logline == "As loaded."


def test_a_save_that_changed_nothing_shown_does_not_block(ann_client):
    film = film_with_inlines()
    page = ann_client.get(change_url(film))
    film.save()  # a new updated_at, nothing the form shows
    response = ann_client.post(change_url(film), submitted(page, logline="Mine."))
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.logline == "Mine."


def test_a_damaged_version_is_refused_and_replaced(ann_client):
    film = film_with_inlines()
    data = submitted(ann_client.get(change_url(film)), logline="Mine.")
    data[VERSION_FIELD] = ["not-a-version"]
    response = ann_client.post(change_url(film), data)
    assert "cannot be checked against the saved one" in refused(response)
    assert ann_client.post(change_url(film), submitted(response)).status_code == 302


def test_a_form_posted_without_a_version_is_not_checked(ann_client):
    # Scripts and older tests post only the fields (tests/test_admin.py): last save wins.
    film = film_with_inlines()
    data = submitted(ann_client.get(change_url(film)), logline="Mine.")
    del data[VERSION_FIELD]
    Film.objects.filter(pk=film.pk).update(runtime_minutes=130)
    assert ann_client.post(change_url(film), data).status_code == 302


def edit_elsewhere(obj) -> tuple[str, str]:
    """Change one field shown on obj's change form; that field's name and the one to type."""
    if isinstance(obj, Person):
        obj.biography = "Changed elsewhere."
        obj.save()
        return "biography", "name"
    if isinstance(obj, Review):
        obj.standfirst = "Changed elsewhere."
        obj.save()
        return "standfirst", "headline"
    if isinstance(obj, Collection):
        obj.description = "Changed elsewhere."
        obj.save()
        return "description", "name"
    obj.name = "Changed elsewhere"
    obj.save()
    return "name", "slug"


@pytest.mark.parametrize(
    "factory",
    [
        PersonFactory,
        ReviewFactory,
        CollectionFactory,
        GenreFactory,
        lambda: FilmFactory(collection=CollectionFactory()).collection,
    ],
    ids=["person", "review", "collection", "genre", "collection-with-films"],
)
def test_every_catalogue_admin_refuses_a_stale_form(ann_client, factory):
    obj = factory()
    page = ann_client.get(change_url(obj))
    changed, typed = edit_elsewhere(type(obj).objects.get(pk=obj.pk))
    before = type(obj).objects.filter(pk=obj.pk).values().get()

    response = ann_client.post(change_url(obj), submitted(page, **{typed: "typed-by-ann"}))

    assert "changing:" in refused(response)
    assert set(response.context["adminform"].form.errors) == {"__all__", changed}
    assert "typed-by-ann" in response.content.decode()
    assert type(obj).objects.filter(pk=obj.pk).values().get() == before


def test_the_collections_films_inline_is_checked(ann_client):
    collection = CollectionFactory()
    film = FilmFactory(collection=collection, collection_order=1)
    page = ann_client.get(change_url(collection))
    film.logline = "Not shown on the collection's form."
    film.save()
    assert ann_client.post(change_url(collection), submitted(page, name="Mine")).status_code == 302

    page = ann_client.get(change_url(collection))
    Film.objects.filter(pk=film.pk).update(collection_order=2)
    error = refused(ann_client.post(change_url(collection), submitted(page, name="Not mine")))
    assert "changing: Films." in error
    collection.refresh_from_db()
    assert collection.name == "Mine"


def test_history_can_still_restore_a_version(ann_client):
    review = ReviewFactory(body="First draft.")
    for body in ("First draft.", "Second draft."):
        review.body = body
        with reversion.create_revision():
            review.save()
    first = Version.objects.get_for_object(review).last()  # newest first
    revert_url = reverse("admin:reviews_review_revision", args=[review.pk, first.pk])
    page = ann_client.get(revert_url)
    assert page.status_code == 200
    response = ann_client.post(revert_url, submitted(page))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.body == "First draft."


def test_the_version_is_not_shown_to_who_may_only_view(client, db):
    viewer = EditorFactory(username="viewer")
    viewer.groups.clear()
    viewer.user_permissions.add(
        *Group.objects.get(name="Editors").permissions.filter(codename="view_genre")
    )
    client.force_login(viewer)
    page = client.get(change_url(GenreFactory()))
    assert page.status_code == 200
    assert VERSION_FIELD not in page.content.decode()
    assert "Loaded version" not in page.content.decode()


# Real races on PostgreSQL -----------------------------------------------------------------------


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_of_one_film_at_once_never_overwrite_silently():
    require_postgres()
    restore_reference_data()  # a transactional test's database starts empty
    ann_client = signed_in(EditorFactory(username="ann", first_name="Ann", last_name="Lee"))
    bob_client = signed_in(EditorFactory(username="bob", first_name="Bob", last_name="Ray"))
    for round_number in range(ROUNDS):
        film = film_with_inlines()
        anns = submitted(ann_client.get(change_url(film)), logline=f"Ann {round_number}.")
        bobs = submitted(bob_client.get(change_url(film)), runtime_minutes=50 + round_number)

        answers = run_at_once(
            partial(ann_client.post, change_url(film), anns),
            partial(bob_client.post, change_url(film), bobs),
        )

        assert sorted(answer.status_code for answer in answers) == [200, 302], round_number
        film.refresh_from_db()
        if answers[0].status_code == 302:  # Ann's went first; Bob's form was stale
            assert (film.logline, film.runtime_minutes) == (f"Ann {round_number}.", 100)
            assert "Ann Lee saved this film" in refused(answers[1])
        else:
            assert (film.logline, film.runtime_minutes) == ("As loaded.", 50 + round_number)
            assert "Bob Ray saved this film" in refused(answers[0])
