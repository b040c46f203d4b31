"""“Create ‘Name’” in a credit row: the person is made when the film is saved, in the same
transaction, once however many rows name them, and never when the form is refused."""

import pytest
from django.urls import reverse
from reversion.models import Version

from core.widgets import NEW_PREFIX, ModelChoiceOrNewField
from films.models import Credit, Film
from people.models import Person
from tests.admin_forms import submitted
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ADD = "admin:films_film_add"


@pytest.fixture
def add_page(editor_client):
    return editor_client.get(reverse(ADD))


def new_film(add_page, **typed) -> dict:
    return submitted(add_page, title="Delicatessen", year="1991", **typed)


def test_a_new_person_is_made_with_the_credit(editor_client, add_page):
    data = new_film(add_page, **{
        "credits-0-person": f"{NEW_PREFIX}Marc  Caro ",  # spaces as typed
        "credits-2-person": f"{NEW_PREFIX}Dominique Pinon", "credits-2-character": "Louison",
    })  # fmt: skip
    response = editor_client.post(reverse(ADD), data)
    assert response.status_code == 302
    film = Film.objects.with_credits().get()
    assert [(c.role, c.person.name, c.character) for c in film.credit_list] == [
        ("director", "Marc Caro", ""), ("cast", "Dominique Pinon", "Louison")
    ]  # fmt: skip
    caro = Person.objects.get(name="Marc Caro")
    assert caro.slug == "marc-caro" and caro.sort_name == "Caro, Marc"
    (version,) = Version.objects.get_for_object(caro)  # kept like any other save
    assert version.revision == Version.objects.get_for_object(film).get().revision


def test_rows_naming_the_same_new_person_credit_one_person(editor_client, add_page):
    data = new_film(add_page, **{
        "credits-0-person": f"{NEW_PREFIX}Jean-Pierre Jeunet",
        "credits-1-person": f"{NEW_PREFIX}jean-pierre jeunet",
    })  # fmt: skip
    assert editor_client.post(reverse(ADD), data).status_code == 302
    person = Person.objects.get()
    assert sorted(person.credits.values_list("role", flat=True)) == ["director", "writer"]


def test_the_same_new_credit_twice_is_a_form_error(editor_client, add_page):
    data = new_film(add_page, **{
        "credits-1-person": f"{NEW_PREFIX}Gilles Adrien", "credits-2-role": "writer",
        "credits-2-person": f"{NEW_PREFIX}Gilles Adrien",
    })  # fmt: skip
    response = editor_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "Gilles Adrien has the same credit twice." in response.content.decode()
    assert not Person.objects.exists() and not Film.objects.exists()


def test_a_refused_form_makes_nobody_and_shows_the_new_name_again(editor_client, add_page):
    data = new_film(add_page, aspect_ratio="wide", **{
        "credits-2-person": f"{NEW_PREFIX}Karin Viard",
    })  # fmt: skip
    response = editor_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert not Person.objects.exists()
    page = response.content.decode()
    assert f'<option value="{NEW_PREFIX}Karin Viard" selected>Karin Viard (new)</option>' in page


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (NEW_PREFIX + "   ", "Type the new name."),
        (NEW_PREFIX + "x" * 201, "at most 200 characters"),
        ("someone", "Select a valid choice."),
    ],  # fmt: skip
)
def test_a_bad_new_name_is_a_form_error(editor_client, add_page, value, error):
    response = editor_client.post(reverse(ADD), new_film(add_page, **{"credits-2-person": value}))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Person.objects.exists() and not Film.objects.exists()


def test_the_person_and_the_credit_are_saved_together_or_not_at_all(
    editor_client, add_page, monkeypatch
):
    def refuse(*args, **kwargs):
        raise RuntimeError("the credit could not be written")

    monkeypatch.setattr(Credit, "save", refuse)
    data = new_film(add_page, **{"credits-2-person": f"{NEW_PREFIX}Rufus"})
    with pytest.raises(RuntimeError):
        editor_client.post(reverse(ADD), data)
    assert not Person.objects.exists() and not Film.objects.exists()


def test_an_existing_person_is_still_chosen_by_id(editor_client, add_page):
    rufus = PersonFactory(name="Rufus")
    data = new_film(add_page, **{"credits-2-person": rufus.pk})
    assert editor_client.post(reverse(ADD), data).status_code == 302
    assert Person.objects.get() == rufus
    assert Film.objects.get().credits.get().person == rufus


def test_the_credit_rows_person_widget_offers_creating_and_no_pop_ups(add_page):
    page = add_page.content.decode()
    assert 'class="admin-autocomplete-create"' in page
    assert 'id="add_id_credits-0-person"' not in page  # the "+" that opened a pop-up
    scripts = [str(path) for path in add_page.context["media"]._js]
    ours = scripts.index("admin/marquee/autocomplete_create.js")
    assert ours > max(i for i, path in enumerate(scripts) if "select2" in path)
    assert ours > scripts.index("admin/js/jquery.init.js")


def test_the_field_makes_an_unsaved_person_and_saves_nothing():
    field = ModelChoiceOrNewField(Person.objects.all())
    person = field.clean(f"{NEW_PREFIX}  Ticky   Holgado ")
    assert (person.pk, person.name) == (None, "Ticky Holgado")
    assert not Person.objects.exists()
