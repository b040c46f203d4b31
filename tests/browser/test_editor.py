"""An editor's day in a real browser: log in, create a film with a credit, publish a review,
see it on the site."""

import pytest
from playwright.sync_api import expect

from tests.conftest import restore_reference_data
from tests.factories import EditorFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def choose_autocomplete(page, container, text: str, option: str | None = None) -> None:
    """Type ``text`` in a Django admin autocomplete (select2) widget inside ``container`` and
    pick the ``option`` (by default the one reading ``text``)."""
    container.locator(".select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=option or text).first.click()


def test_editor_creates_a_film_with_a_credit_and_publishes_a_review(
    browser, live_server, django_db_serialized_rollback, screenshot
):
    restore_reference_data()
    EditorFactory(username="nora", password="a-long-editor-password")
    PersonFactory(name="Ana de Armas")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("nora")
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("link", name="Films").count() >= 1

    page.goto(live_server.url + "/admin/films/film/add/")
    page.locator("#id_title").fill("Ballerina")
    page.locator("#id_year").fill("2025")
    page.locator("#id_runtime_minutes").fill("124")
    page.locator("#id_aspect_ratio").fill("2.39:1")
    page.locator("#id_colour").select_option("colour")
    page.locator("#credits-group").get_by_role("button", name="Add another Credit").click()
    row = page.locator("#credits-0")
    row.locator("select[name='credits-0-role']").select_option("cast")
    choose_autocomplete(page, row, "Ana de Armas")
    row.locator("input[name='credits-0-character']").fill("Eve Macarro")
    row.locator("input[name='credits-0-order']").fill("1")
    screenshot(page, "admin-film-add")
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    page.goto(live_server.url + "/admin/reviews/review/add/")
    choose_autocomplete(page, page.locator(".field-film"), "ballerina 2025", "Ballerina (2025)")
    page.locator("#id_headline").fill("A dancer with a flamethrower")
    page.locator("#id_standfirst").fill("The spin-off finds its feet in the snow.")
    page.locator("#id_body").fill("Ana de Armas carries the *whole* thing.")
    page.locator("#id_rating").select_option("3.5")
    page.locator("#id_status").select_option("published")
    screenshot(page, "admin-review-add")
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    reader = browser.new_context().new_page()
    reader.goto(live_server.url + "/films/ballerina-2025/")
    assert "Ana de Armas" in reader.locator(".cast-list").inner_text()
    reader.get_by_role("link", name="A dancer with a flamethrower").click()
    assert reader.locator("h1").inner_text() == "A dancer with a flamethrower"
    assert reader.locator(".review-body em").inner_text() == "whole"
    context.close()
