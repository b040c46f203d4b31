"""Adding a film as an editor does: two genres, a country, a language and three credits for
people not yet in the database, in few clicks and without a pop-up window."""

import pytest
from playwright.sync_api import expect

from films.models import Film
from people.models import Person
from tests.browser.test_admin_layout import log_in
from tests.conftest import restore_reference_data
from tests.factories import CreditFactory, FilmFactory, GenreFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
MOST_CLICKS = 12


class Clicks:
    """Counts what the editor's pointer does: clicks, and choosing from a <select>."""

    def __init__(self):
        self.count = 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()


def choose(page, clicks: Clicks, field, text: str, option: str | None = None) -> None:
    """Open an autocomplete (a click), type, and take the option reading ``option``: with
    Enter when the list puts it first, else with another click."""
    clicks.click(field.locator(".select2-selection"))
    expect(page.locator(".select2-container--open .select2-search__field")).to_be_focused()
    page.keyboard.type(text)
    wanted = page.locator(".select2-results__option").get_by_text(option or text, exact=True)
    expect(wanted).to_be_visible()  # the results for what was typed have come
    if "select2-results__option--highlighted" in wanted.get_attribute("class"):
        page.keyboard.press("Enter")
    else:
        clicks.click(wanted)


def test_a_new_film_with_new_people_in_a_dozen_clicks(
    browser, live_server, django_db_serialized_rollback, screenshot
):
    restore_reference_data()
    for name in ("Comedy", "Romance"):
        GenreFactory(name=name)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    popups = []
    page.on("popup", lambda popup: popups.append(popup))
    log_in(page, live_server.url)
    page.goto(live_server.url + "/admin/films/film/add/")
    clicks = Clicks()

    page.locator("#id_title").fill("Amélie")
    page.locator("#id_year").fill("2001")
    choose(page, clicks, page.locator(".field-genres"), "Comedy")
    choose(page, clicks, page.locator(".field-genres"), "Romance")
    choose(page, clicks, page.locator("#film_countries-0"), "France")
    choose(page, clicks, page.locator("#film_languages-0"), "French")
    # The blank credit rows are ready for a director, a writer and the cast.
    people = ["Jean-Pierre Jeunet", "Guillaume Laurant", "Audrey Tautou"]
    for row, name in enumerate(people):
        choose(page, clicks, page.locator(f"#credits-{row}"), name, f"Create ‘{name}’")
    page.locator("#id_credits-2-character").fill("Amélie Poulain")
    screenshot(page, "admin-film-add-new-people")
    clicks.click(page.locator("input[name='_save']"))

    page.wait_for_load_state()
    screenshot(page, "admin-film-added")
    assert page.locator(".errorlist, .errornote").all_inner_texts() == []
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert clicks.count <= MOST_CLICKS, clicks.count
    assert popups == [] and context.pages == [page]
    film = Film.objects.with_credits().get(title="Amélie")
    assert [genre.name for genre in film.genre_list] == ["Comedy", "Romance"]
    assert film.fact_line() == "FRANCE | 2001 | FRENCH"
    assert [(credit.role, credit.person.name, credit.order) for credit in film.credit_list] == [
        ("director", "Jean-Pierre Jeunet", 1),
        ("writer", "Guillaume Laurant", 1),
        ("cast", "Audrey Tautou", 1),
    ]
    assert film.cast[0].character == "Amélie Poulain"
    assert sorted(Person.objects.values_list("name", flat=True)) == sorted(people)
    assert all(person.slug for person in Person.objects.all())
    context.close()


def test_moving_a_credit_up_bills_it_earlier(browser, live_server, django_db_serialized_rollback):
    restore_reference_data()
    film = FilmFactory(title="Delicatessen", year=1991)
    for order, name in enumerate(["Dominique Pinon", "Marie-Laure Dougnac", "Karin Viard"], 1):
        CreditFactory(film=film, person=PersonFactory(name=name), order=order)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/films/film/{film.pk}/change/")

    viard = page.locator("#credits-group tr.form-row", has_text="Karin Viard")
    viard.get_by_role("button", name="Bill earlier").click()
    viard.get_by_role("button", name="Bill earlier").click()
    orders = page.locator("#credits-group tr.form-row input[name$='-order']")
    assert orders.evaluate_all("inputs => inputs.map((input) => input.value)")[:3] == [
        "1", "2", "3"
    ]  # fmt: skip
    page.locator("input[name='_continue']").click()

    expect(page.locator(".messagelist .success")).to_have_count(1)
    cast = film.credits.order_by("order").values_list("person__name", "order")
    assert list(cast) == [("Karin Viard", 1), ("Dominique Pinon", 2), ("Marie-Laure Dougnac", 3)]
    shown = page.locator("#credits-group tr.form-row select[name$='-person'] option[selected]")
    assert shown.all_inner_texts() == ["Karin Viard", "Dominique Pinon", "Marie-Laure Dougnac"]
    page.context.close()
