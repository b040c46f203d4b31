"""The film form's credits: blank rows ready to fill, shown in the house style's order, and
billed in the order of their rows unless an editor types another."""

from datetime import date

import pytest
from django.urls import reverse
from reversion.models import Revision

from films.models import AlternativeTitle, Film, FilmRelation, ReleaseDate
from tests.admin_forms import submitted
from tests.factories import CreditFactory, FilmFactory, PersonFactory, film_with_credits

pytestmark = pytest.mark.django_db


def credits_formset(response):
    return next(
        formset for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "credits"
    )  # fmt: skip


def billed(film: Film, role: str = "cast") -> list[tuple[str, int]]:
    credits = film.credits.filter(role=role).select_related("person").order_by("order")
    return [(credit.person.name, credit.order) for credit in credits]


@pytest.fixture
def film_with_a_crew():
    film = FilmFactory(title="Amélie", year=2001)
    for role, name, order in [("editor", "Hervé Schneid", 1), ("cast", "Rufus", 2),
                              ("cast", "Audrey Tautou", 1), ("writer", "Guillaume Laurant", 1),
                              ("director", "Jean-Pierre Jeunet", 1)]:  # fmt: skip
        character = name if role == "cast" else ""
        CreditFactory(film=film, role=role, person=PersonFactory(name=name), order=order,
                      character=character)  # fmt: skip
    return film


def test_credits_are_listed_director_writer_cast_then_crew(editor_client, film_with_a_crew):
    url = reverse("admin:films_film_change", args=[film_with_a_crew.pk])
    formset = credits_formset(editor_client.get(url)).formset
    shown = [(form.instance.role, form.instance.person.name) for form in formset.initial_forms]
    assert shown == [
        ("director", "Jean-Pierre Jeunet"),
        ("writer", "Guillaume Laurant"),
        ("cast", "Audrey Tautou"),
        ("cast", "Rufus"),
        ("editor", "Hervé Schneid"),
    ]
    assert [form.initial.get("role") for form in formset.extra_forms] == ["cast"] * 3


def test_a_new_film_opens_with_rows_for_a_director_a_writer_and_the_cast(editor_client):
    formset = credits_formset(editor_client.get(reverse("admin:films_film_add"))).formset
    assert [form.initial["role"] for form in formset.extra_forms] == [
        "director", "writer", "cast"
    ]  # fmt: skip


def test_blank_rows_left_as_they_were_are_not_saved(editor_client):
    page = editor_client.get(reverse("admin:films_film_add"))
    response = editor_client.post(
        reverse("admin:films_film_add"), submitted(page, title="Delicatessen", year="1991")
    )
    assert response.status_code == 302
    assert Film.objects.get().credits.count() == 0


def test_the_cast_is_billed_in_the_order_of_its_rows(editor_client):
    people = [PersonFactory(name=name) for name in ("Ana", "Keanu", "Ian", "Chad")]
    page = editor_client.get(reverse("admin:films_film_add"))
    data = submitted(page, title="Ballerina", year="2025", **{
        "credits-0-person": people[3].pk,  # the director's row
        "credits-2-person": people[0].pk, "credits-2-character": "Eve",
    })  # fmt: skip
    data.update(
        {"credits-TOTAL_FORMS": ["5"], "credits-3-role": ["cast"], "credits-4-role": ["cast"],
         "credits-3-person": [str(people[1].pk)], "credits-3-character": ["John"],
         "credits-4-person": [str(people[2].pk)], "credits-4-character": ["Winston"]}
    )  # fmt: skip
    response = editor_client.post(reverse("admin:films_film_add"), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"]
    film = Film.objects.get()
    assert billed(film) == [("Ana", 1), ("Keanu", 2), ("Ian", 3)]
    assert billed(film, "director") == [("Chad", 1)]


def test_a_typed_order_moves_a_row_and_the_others_make_room(editor_client, film_with_a_crew):
    url = reverse("admin:films_film_change", args=[film_with_a_crew.pk])
    page = editor_client.get(url)
    rufus = next(
        index for index, form in enumerate(credits_formset(page).formset.initial_forms)
        if form.instance.person.name == "Rufus"
    )  # fmt: skip
    response = editor_client.post(url, submitted(page, **{f"credits-{rufus}-order": "1"}))
    assert response.status_code == 302
    assert billed(film_with_a_crew) == [("Rufus", 1), ("Audrey Tautou", 2)]


def test_a_blank_order_follows_the_row_above(editor_client, film_with_a_crew):
    url = reverse("admin:films_film_change", args=[film_with_a_crew.pk])
    page = editor_client.get(url)
    newcomer = PersonFactory(name="Serge Merlin")
    response = editor_client.post(url, submitted(page, **{
        "credits-5-person": newcomer.pk, "credits-5-character": "Raymond Dufayel",
    }))  # fmt: skip
    assert response.status_code == 302
    assert billed(film_with_a_crew) == [("Audrey Tautou", 1), ("Rufus", 2), ("Serge Merlin", 3)]


def test_orders_already_in_sequence_are_kept_and_not_rewritten(editor_client):
    film = FilmFactory()
    for order in (45, 46, 47):
        CreditFactory(film=film, order=order)
    url = reverse("admin:films_film_change", args=[film.pk])
    response = editor_client.post(url, submitted(editor_client.get(url)))
    assert response.status_code == 302
    assert sorted(film.credits.values_list("order", flat=True)) == [45, 46, 47]
    (revision,) = Revision.objects.all()
    assert revision.comment == "No fields changed."  # no credit saved again


@pytest.mark.parametrize("order", ["-1", "first", "99999"])
def test_a_bad_order_is_a_form_error_and_nothing_is_saved(editor_client, order):
    person = PersonFactory()
    page = editor_client.get(reverse("admin:films_film_add"))
    data = submitted(page, title="Ballerina", year="2025",
                     **{"credits-2-person": person.pk, "credits-2-order": order})  # fmt: skip
    response = editor_client.post(reverse("admin:films_film_add"), data)
    assert response.status_code == 200
    assert "order" in credits_formset(response).formset.errors[2]
    assert not Film.objects.exists()


def test_a_deleted_row_left_half_filled_does_not_stop_the_billing(editor_client):
    film = FilmFactory()
    CreditFactory(film=film, person=PersonFactory(name="Rufus"), order=1)
    newcomer = PersonFactory(name="Ticky Holgado")
    url = reverse("admin:films_film_change", args=[film.pk])
    data = submitted(editor_client.get(url), **{
        "credits-0-person": "", "credits-0-DELETE": "on",  # cleared, then deleted
        "credits-1-person": newcomer.pk,
    })  # fmt: skip
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert billed(film) == [("Ticky Holgado", 1)]


def film_with_rows(credit_count: int, other_rows: int) -> Film:
    """A film with ``credit_count`` credits and ``other_rows`` rows in every other inline."""
    codes = ["US", "FR", "GB", "DE"][:other_rows]
    languages = ["en", "fr", "de", "es"][:other_rows]
    film = film_with_credits(credit_count, countries=codes, languages=languages)
    for index, (code, language) in enumerate(zip(codes, languages, strict=True), start=1):
        ReleaseDate.objects.create(film=film, country_id=code, date=date(2020, 1, index))
        AlternativeTitle.objects.create(
            film=film, title=f"Other title {index}", country_id=code, language_id=language
        )
        FilmRelation.objects.create(film=film, related_film=FilmFactory(), kind="remake-of")
    return film


@pytest.mark.parametrize(("credit_count", "other_rows"), [(2, 1), (30, 4)])
def test_the_change_page_runs_the_same_queries_however_many_rows(
    superuser_client, django_assert_max_num_queries, credit_count, other_rows
):
    film = film_with_rows(credit_count, other_rows)
    # Queries: the session; the user; the film; its genres; its countries, languages,
    # release dates (each with its country or language), other titles, credits (with their
    # people), stills and relations (with the related films); then the labels of the rows'
    # choices, one query per field: countries, languages, release dates' countries, other
    # titles' countries and languages, people, related films. No row costs a query: a row's
    # name reads its film (the page's own, shared) and its country, language or person.
    url = reverse("admin:films_film_change", args=[film.pk])
    superuser_client.get(url)  # the content types, read once and cached
    with django_assert_max_num_queries(18):
        response = superuser_client.get(url)
    assert response.status_code == 200
    assert len(credits_formset(response).formset.initial_forms) == credit_count


@pytest.mark.parametrize(("credit_count", "other_rows"), [(2, 1), (30, 4)])
def test_saving_the_change_page_runs_the_same_queries_however_many_rows(
    superuser_client, django_assert_max_num_queries, credit_count, other_rows
):
    film = film_with_rows(credit_count, other_rows)
    url = reverse("admin:films_film_change", args=[film.pk])
    superuser_client.post(url, submitted(superuser_client.get(url)))  # bills the credits 1, 2…
    data = submitted(superuser_client.get(url), logline="A new logline.")
    # Queries (62 on SQLite): the session; the user; the film (its id, then the row); its
    # genres (twice: the form, the saved values); every inline's rows; the film's check and
    # unique constraints (7 checks, each in a savepoint, and its slug); each inline's rows
    # sent back, and the choices they name, one query per field; the related films; the
    # UPDATE, its genres (two reads); the admin log; the film's version (django-reversion: a
    # savepoint and its release, the film's genres and its 7 kinds of followed rows read,
    # then which of them still exist, the revision, its versions); at commit, the film's
    # search document (a read, a write, its words) and the feed. Rows sent back as they were
    # cost nothing each: their ids and choices are read with all the others', and they are
    # not checked against the database again.
    with django_assert_max_num_queries(79):
        response = superuser_client.post(url, data)
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.logline == "A new logline."
    assert film.credits.count() == credit_count


def test_a_row_changed_to_someone_who_does_not_exist_is_refused(editor_client, film_with_a_crew):
    url = reverse("admin:films_film_change", args=[film_with_a_crew.pk])
    page = editor_client.get(url)
    response = editor_client.post(url, submitted(page, **{"credits-0-person": "999999"}))
    assert response.status_code == 200
    assert "Select a valid choice" in str(credits_formset(response).formset.errors[0]["person"])
    assert billed(film_with_a_crew, "director") == [("Jean-Pierre Jeunet", 1)]
