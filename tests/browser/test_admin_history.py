"""The editors' history, clicked through: a deleted credit reverted from the film's history,
and a deleted person recovered from the people's change list."""

import datetime

import pytest
import reversion
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from films.models import AlternativeTitle, Credit, ReleaseDate, ReleaseType
from people.models import Person
from tests.browser.test_admin_layout import log_in
from tests.conftest import restore_reference_data
from tests.factories import CreditFactory, FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def editor():
    return get_user_model().objects.get(username="nora")


def test_a_deleted_credit_comes_back_from_the_films_history(
    browser, live_server, django_db_serialized_rollback, page, screenshot
):
    restore_reference_data()
    log_in(page, live_server.url)
    film = FilmFactory(title="Delicatessen", year=1991)
    with reversion.create_revision():  # the film as it was saved before: the version to revert to
        for order, name in enumerate(["Dominique Pinon", "Marie-Laure Dougnac", "Karin Viard"], 1):
            person = PersonFactory(name=name)
            CreditFactory(film=film, person=person, role=Credit.Role.CAST, order=order)
        ReleaseDate.objects.create(
            film=film,
            country_id="FR",
            type=ReleaseType.THEATRICAL,
            date=datetime.date(1991, 4, 17),
        )
        AlternativeTitle.objects.create(film=film, title="Delikatessen", country_id="DE")
        film.save()
        reversion.set_user(editor())
    credits_before = set(film.credits.values_list("pk", "person__name", "order"))
    release_before = film.release_dates.get()
    viard = film.credits.get(person__name="Karin Viard")

    page.goto(f"{live_server.url}/admin/films/film/{film.pk}/change/")
    row = page.locator("#credits-group tr.form-row", has_text="Karin Viard")
    row.locator("input[name$='-DELETE']").check()
    page.locator("input[name='_continue']").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert film.credits.count() == 2

    page.get_by_role("link", name="History").click()
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text(f"Deleted credit “{viard}”")
    expect(page.locator("#change-history tbody tr")).to_have_count(2)
    screenshot(page, "admin-film-history")
    # The earlier version: the last row, the history listing the latest first.
    page.locator("#change-history tbody tr").last.get_by_role("link").click()
    expect(page.locator("#credits-group")).to_contain_text("Karin Viard")
    screenshot(page, "admin-film-revision")
    page.locator("input[name='_save']").first.click()

    message = page.locator(".messagelist .success")
    expect(message).to_have_text(
        "The film “Delicatessen (1991)” was reverted to the version chosen."
    )
    change_url = f"/admin/films/film/{film.pk}/change/"
    expect(message.get_by_role("link")).to_have_attribute("href", change_url)
    assert set(film.credits.values_list("pk", "person__name", "order")) == credits_before
    assert film.release_dates.get() == release_before
    assert film.release_dates.get().date == datetime.date(1991, 4, 17)
    assert list(film.alternative_titles.values_list("title", flat=True)) == ["Delikatessen"]
    page.goto(f"{live_server.url}/admin/films/film/{film.pk}/history/")
    expect(page.locator("#change-history tbody tr")).to_have_count(3)
    expect(page.locator("#change-history tbody tr").first).to_contain_text("Reverted")


def test_a_deleted_person_is_recovered_from_the_people_list(
    browser, live_server, django_db_serialized_rollback, page
):
    restore_reference_data()
    log_in(page, live_server.url)
    with reversion.create_revision():  # added through the admin once
        person = PersonFactory(name="Jean-Claude Dreyfus")
        reversion.set_user(editor())

    page.goto(f"{live_server.url}/admin/people/person/{person.pk}/change/")
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, I’m sure").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert not Person.objects.filter(pk=person.pk).exists()

    page.get_by_role("link", name="Recover deleted people").click()
    deleted = page.locator("#change-history tbody tr", has_text="Jean-Claude Dreyfus")
    deleted.get_by_role("link").click()
    expect(page.locator("#id_name")).to_have_value("Jean-Claude Dreyfus")
    page.locator("input[name='_save']").first.click()

    message = page.locator(".messagelist .success")
    expect(message).to_have_text("The person “Jean-Claude Dreyfus” was recovered.")
    change_url = f"/admin/people/person/{person.pk}/change/"
    expect(message.get_by_role("link")).to_have_attribute("href", change_url)
    assert Person.objects.get(pk=person.pk).name == "Jean-Claude Dreyfus"
