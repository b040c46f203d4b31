"""The admin's history (django-reversion): a film's version holds its credits and other rows,
reverting restores them all in one transaction, and deleted objects can be recovered."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Revision, Version

from films.models import AlternativeTitle, Credit, Film, ReleaseDate, ReleaseType, Still
from people.models import Person
from tests.admin_forms import submitted
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory
from tests.images import upload


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def revision_url(obj, version: Version) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, version.pk])


def row_prefix(data: dict, inline: str, pk: int) -> str:
    """The form prefix of the row of ``inline`` showing the object ``pk``."""
    return next(
        name.removesuffix("id")
        for name, value in data.items()
        if name.startswith(f"{inline}-") and name.endswith("-id") and value == [str(pk)]
    )


@pytest.fixture
def film(db):
    film = FilmFactory(title="Ballerina", year=2025)
    director = PersonFactory(name="Len Wiseman")
    CreditFactory(film=film, role=Credit.Role.DIRECTOR, person=director, character="")
    day = datetime.date(2025, 6, 6)
    ReleaseDate.objects.create(film=film, country_id="US", type=ReleaseType.THEATRICAL, date=day)
    AlternativeTitle.objects.create(film=film, title="Ballerina (John Wick)", country_id="US")
    Still.objects.create(film=film, image=upload("still.jpg"), caption="Eve on the lake")
    return film


def saved(client, obj, **typed):
    """Posts ``obj``'s change form as shown, with ``typed`` over it."""
    response = client.post(change_url(obj), submitted(client.get(change_url(obj)), **typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def deleting(client, film, *rows) -> dict:
    """The film's form as shown, with each of ``rows`` ((inline, object)) marked deleted."""
    data = submitted(client.get(change_url(film)))
    for inline, obj in rows:
        data[f"{row_prefix(data, inline, obj.pk)}DELETE"] = ["on"]
    return data


def test_a_new_film_saved_once_is_one_version_by_its_editor(editor_client, editor):
    page = editor_client.get(reverse("admin:films_film_add"))
    response = editor_client.post(
        reverse("admin:films_film_add"), submitted(page, title="Delicatessen", year="1991")
    )
    assert response.status_code == 302
    film = Film.objects.get()
    (revision,) = Revision.objects.all()
    assert (revision.user, revision.comment) == (editor, "Added.")
    assert Version.objects.get_for_object(film).get().revision == revision


def test_one_save_is_one_version_with_the_editor_and_what_changed(editor_client, editor, film):
    saved(editor_client, film, logline="A dancer learns to kill.")
    (revision,) = Revision.objects.all()
    assert revision.user == editor
    assert revision.comment == "Changed Logline."
    held = {version.object_repr for version in revision.version_set.all()}
    assert {"Ballerina (2025)", "Ballerina (John Wick)", "Eve on the lake"} <= held
    assert len(held) == 7  # and the credit, release date, country and language


def test_a_save_that_changes_nothing_says_so(editor_client, film):
    saved(editor_client, film)
    assert Revision.objects.get().comment == "No fields changed."
    history = editor_client.get(reverse("admin:films_film_history", args=[film.pk]))
    assert "<td>No fields changed.</td>" in history.content.decode()
    assert "None" not in history.content.decode()


def test_a_deleted_credit_is_listed_and_reverting_restores_it_and_the_other_rows(
    editor_client, film
):
    credit, release, title, still = (
        film.credits.get(),
        film.release_dates.get(),
        film.alternative_titles.get(),
        film.stills.get(),
    )
    saved(editor_client, film)  # the version to go back to
    before = Version.objects.get_for_object(film).get()
    rows = [
        ("credits", credit),
        ("release_dates", release),
        ("alternative_titles", title),
        ("stills", still),
    ]
    response = editor_client.post(change_url(film), deleting(editor_client, film, *rows))
    assert response.status_code == 302
    assert not film.credits.exists() and not film.stills.exists()

    history = editor_client.get(reverse("admin:films_film_history", args=[film.pk]))
    assert "Deleted credit “Len Wiseman — Director, Ballerina (2025)”" in history.content.decode()

    page = editor_client.get(revision_url(film, before))
    assert page.status_code == 200
    assert "Len Wiseman" in page.content.decode()
    changelist = reverse("admin:films_film_changelist")
    assert f'<a href="{changelist}">Films</a>' in page.content.decode()  # the breadcrumb
    response = editor_client.post(revision_url(film, before), submitted(page))
    assert response.status_code == 302
    (message,) = [str(message) for message in get_messages(response.wsgi_request)]
    assert message == (
        f'The film “<a href="{change_url(film)}">Ballerina (2025)</a>” was reverted to the version'
        " chosen."
    )

    assert list(film.credits.values_list("pk", "person__name")) == [(credit.pk, "Len Wiseman")]
    assert film.release_dates.get().pk == release.pk
    assert film.alternative_titles.get().title == "Ballerina (John Wick)"
    assert film.stills.get().caption == "Eve on the lake"
    assert Revision.objects.latest("pk").comment.startswith("Reverted to previous version")


def test_a_revert_that_cannot_restore_one_row_restores_nothing(editor_client, film):
    film.imdb_id = "tt0000001"
    film.save()
    saved(editor_client, film)
    before = Version.objects.get_for_object(film).get()
    data = deleting(editor_client, film, ("credits", film.credits.get()))
    data["imdb_id"] = ["tt0000002"]
    assert editor_client.post(change_url(film), data).status_code == 302
    FilmFactory(imdb_id="tt0000001")  # the film as it was cannot be stored now

    page = submitted(editor_client.get(change_url(film)))
    response = editor_client.post(revision_url(film, before), page)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:films_film_changelist")
    assert any("Could not save" in str(m) for m in get_messages(response.wsgi_request))
    film.refresh_from_db()
    assert film.imdb_id == "tt0000002"
    assert not film.credits.exists()  # restored first, then undone with the rest


def test_a_version_of_another_object_is_404(editor_client, film):
    saved(editor_client, film)
    other = FilmFactory()
    version = Version.objects.get_for_object(film).get()
    assert editor_client.get(revision_url(other, version)).status_code == 404
    person = PersonFactory()
    assert editor_client.get(revision_url(person, version)).status_code == 404


def test_editors_recover_a_deleted_person(editor_client):
    person = PersonFactory(name="Keanu Reeves")
    saved(editor_client, person)
    delete_url = reverse("admin:people_person_delete", args=[person.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Person.objects.exists()

    recoverable = editor_client.get(reverse("admin:people_person_recoverlist"))
    assert recoverable.status_code == 200
    assert "Keanu Reeves" in recoverable.content.decode()
    version = Version.objects.get_deleted(Person).get()
    recover_url = reverse("admin:people_person_recover", args=[version.pk])
    page = editor_client.get(recover_url)
    assert page.status_code == 200
    assert editor_client.post(recover_url, submitted(page)).status_code == 302
    assert Person.objects.get().pk == person.pk


@pytest.mark.parametrize(
    "model", ["films/film", "people/person", "reviews/review", "lists/filmlist"]
)
def test_each_change_list_offers_the_recovery_of_deleted_objects(editor_client, model):
    page = editor_client.get(f"/admin/{model}/")
    assert f'href="/admin/{model}/recover/"' in page.content.decode()
    assert editor_client.get(f"/admin/{model}/recover/").status_code == 200


def test_publishing_from_the_change_list_is_a_version_by_the_editor(editor_client, editor):
    draft = ReviewFactory(draft=True)
    response = editor_client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    (version,) = Version.objects.get_for_object(draft)
    assert (version.revision.user, version.revision.comment) == (editor, "Published.")
    assert version.field_dict["status"] == "published"


def test_reverting_a_film_keeps_its_review_summary_as_its_reviews_are_now(editor_client, film):
    saved(editor_client, film)  # the version to go back to: no reviews yet
    before = Version.objects.get_for_object(film).get()
    ReviewFactory(film=film, rating="4.0")
    ReviewFactory(film=film, rating="3.0")
    film.refresh_from_db()
    assert (film.review_count, film.average_rating) == (2, 3.5)

    page = editor_client.get(revision_url(film, before))
    assert editor_client.post(revision_url(film, before), submitted(page)).status_code == 302
    film.refresh_from_db()
    assert (film.review_count, film.average_rating) == (2, 3.5)  # not the version's 0, None
