"""Two editors confirm the same import at the same moment: one saves it, the other is told it
was imported before, and nothing is saved twice. (Before: the second request failed with an
IntegrityError on the film's slug, a 500.) Threads need their own connections, so this runs on
PostgreSQL only: SQLite runs one writer at a time (its IMMEDIATE transactions) and the test
database it uses here is in memory, shared by the threads."""

import contextlib
import threading

import pytest
from django.db import IntegrityError, connection, connections
from django.test import Client

from reviews.importer import services
from tests.conftest import restore_reference_data
from tests.factories import EditorFactory
from tests.reviews.test_import import NOTHING, confirm, counts

SAVED_ONCE = {"films": 1, "people": 10, "credits": 10, "reviews": 1}


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_confirming_the_same_text_at_once(monkeypatch):
    restore_reference_data()  # countries, languages and the Editors group
    editors = [EditorFactory(username="ana"), EditorFactory(username="ian")]

    # Both requests plan before either saves, as when they arrive together. With imports taking
    # turns, the first waits here in vain for a second, which waits for the first to commit.
    both_planned = threading.Barrier(len(editors), timeout=1)
    save_film = services._save_film

    def save_film_once_both_have_planned(plan):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_planned.wait()
        return save_film(plan)

    monkeypatch.setattr(services, "_save_film", save_film_once_both_have_planned)

    confirmed = {}

    def confirm_as(editor):
        try:
            client = Client(raise_request_exception=False)
            client.force_login(editor)
            confirmed[editor.username] = (client, confirm(client))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm_as, args=[editor]) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Read one after the other: the test client collects the context of any thread's templates.
    answers = []
    for client, response in confirmed.values():
        told = []
        if response.status_code == 302:
            told = [str(m) for m in client.get(response["Location"]).context["messages"]]
        answers.append((response.status_code, told))
    assert sorted(answers) == [
        (302, ["Imported: saved the film Ballerina (2025), 10 new person(s), 10 credit(s), "
               "the review as a draft."]),
        (302, ["This review was imported before; saved nothing new."]),
    ]  # fmt: skip
    assert counts() == SAVED_ONCE


@pytest.mark.django_db
def test_a_clash_with_another_kind_of_write_says_so_and_saves_nothing(editor_client, monkeypatch):
    # E.g. an editor adds the same film in the admin while the import saves it.
    def clash(**kwargs):
        raise IntegrityError('duplicate key value violates unique constraint "films_film_slug"')

    monkeypatch.setattr("reviews.importer.views.import_review", clash)
    response = confirm(editor_client)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Nothing was saved: someone else saved some of these people or credits a moment ago" in html
    )
    assert 'name="confirm"' in html  # the preview again, to confirm once checked
    assert counts() == NOTHING
