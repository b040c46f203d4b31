"""The index follows every save and delete, whichever path made it; bulk paths catch up with
reindex(); rebuild_search_index starts it afresh."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from core import changes
from core.publishing import publish, unpublish
from films.models import Credit, Film
from people.models import Person
from reviews.models import Review
from search.indexing import reindex
from search.models import SearchDocument, SearchTerm
from search.service import search
from search.signals import build_index_if_empty
from tests.factories import (
    CreditFactory,
    FilmFactory,
    PersonFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def found(query: str, group: str = "films") -> list[str]:
    return [str(item) for item in getattr(search(query), group)]


def documents() -> list[tuple]:
    return sorted(
        SearchDocument.objects.values_list(
            "kind", "object_id", "title", "alt_title", "text", "label", "slug", "year",
            "review_count", "credit_count", "last_activity",
        )
    )  # fmt: skip


def test_films_are_found_after_create_and_rename_and_gone_after_delete():
    film = FilmFactory(title="Ballerina", year=2025)
    assert found("ballerina") == ["Ballerina (2025)"]
    film.title = "Leap"
    film.save()
    assert found("ballerina") == []
    assert found("leap") == ["Leap (2025)"]
    film.delete()
    assert found("leap") == []
    assert not SearchDocument.objects.exists()


def test_people_follow_renames_and_deletes():
    person = PersonFactory(name="Ana de Armas")
    person.name = "Ana Celia de Armas"
    person.save()
    assert found("celia", "people") == ["Ana Celia de Armas"]
    person.delete()
    assert found("armas", "people") == []


def test_credits_bring_characters_to_their_film_and_rank_people():
    film = FilmFactory(title="Ballerina")
    credit = CreditFactory(film=film, character="Eve Macarro")
    assert found("macarro") == ["Ballerina (2020)"]
    credit.character = "Eve"
    credit.save()
    assert found("macarro") == []
    person = PersonFactory(name="Ana de Armas")
    credit.person = person
    credit.save()
    assert SearchDocument.objects.get(kind="person", object_id=person.pk).credit_count == 1
    previous = SearchDocument.objects.get(kind="person", object_id=credit.person_id)
    assert previous.credit_count == 1
    credit.delete()
    assert SearchDocument.objects.get(kind="person", object_id=person.pk).credit_count == 0
    assert SearchDocument.objects.get(kind="film", object_id=film.pk).credit_count == 0


def test_a_credit_moved_to_another_film_leaves_no_stale_character():
    first, second = FilmFactory(title="First"), FilmFactory(title="Second")
    credit = CreditFactory(film=first, character="Eve Macarro")
    credit.film = second
    credit.save()
    assert found("macarro") == ["Second (2020)"]


def test_reviews_follow_publishing_unpublishing_editing_and_deleting():
    film = FilmFactory(title="Ballerina")
    review = ReviewFactory(film=film, headline="Pirouettes", draft=True)
    assert found("pirouettes", "reviews") == []
    publish(rows=Review.objects.filter(pk=review.pk))
    assert found("pirouettes", "reviews") == ["Pirouettes"]
    assert SearchDocument.objects.get(kind="film", object_id=film.pk).review_count == 1
    unpublish(rows=Review.objects.filter(pk=review.pk))
    assert found("pirouettes", "reviews") == []
    assert SearchDocument.objects.get(kind="film", object_id=film.pk).review_count == 0
    published = ReviewFactory(film=film, headline="Borrowed steps")
    published.delete()
    assert found("borrowed", "reviews") == []


def test_a_films_year_reaches_its_reviews():
    film = FilmFactory(title="Ballerina", year=2024)
    ReviewFactory(film=film, headline="Pirouettes")
    assert found("pirouettes 2024", "reviews") == ["Pirouettes"]
    film.year = 2025
    film.save()
    assert found("pirouettes 2024", "reviews") == []
    assert found("pirouettes 2025", "reviews") == ["Pirouettes"]


def test_the_admin_keeps_the_index(editor_client, editor):
    from tests.test_admin import film_form, inline_management

    person = PersonFactory(name="Ana de Armas")
    response = editor_client.post(
        reverse("admin:films_film_add"),
        film_form(
            title="Ballerina",
            **inline_management("credits", total=1),
            **{
                "credits-0-role": "cast",
                "credits-0-person": str(person.pk),
                "credits-0-character": "Eve Macarro",
                "credits-0-order": "1",
                "credits-0-note": "",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert found("macarro") == ["Ballerina (2025)"]
    film = Film.objects.get(title="Ballerina")
    response = editor_client.post(
        reverse("admin:films_film_change", args=[film.pk]),
        film_form(
            title="Ballerina",
            slug=film.slug,
            **inline_management("credits", total=1, initial=1),
            **{
                "credits-0-id": str(film.credits.get().pk),
                "credits-0-film": str(film.pk),
                "credits-0-role": "cast",
                "credits-0-person": str(person.pk),
                "credits-0-character": "Eve Macarro",
                "credits-0-order": "1",
                "credits-0-note": "",
                "credits-0-DELETE": "on",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert found("macarro") == []
    response = editor_client.post(
        reverse("admin:films_film_delete", args=[film.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert found("ballerina") == []


def test_the_api_keeps_the_index():
    client = APIClient()
    client.force_authenticate(UserFactory(is_staff=True, is_superuser=True))
    response = client.post("/api/v1/people/", {"name": "Ana de Armas"}, format="json")
    assert response.status_code == 201, response.content
    assert found("armas", "people") == ["Ana de Armas"]


def test_management_commands_keep_the_index():
    call_command("load_demo", verbosity=0)
    assert found("ballerina 2025") == ["Ballerina (2025)"]
    assert found("kenau reeves", "people") == ["Keanu Reeves"]


def test_a_rolled_back_save_leaves_no_trace_in_the_index():
    with pytest.raises(RuntimeError), transaction.atomic():
        FilmFactory(title="Ballerina")
        raise RuntimeError("the rest of the import failed")
    assert found("ballerina") == []


def test_bulk_writers_announce_their_batch_through_the_change_event():
    films = Film.objects.bulk_create([Film(title="Storm", slug=f"storm-{n}", year=2000 + n)
                                      for n in range(3)])  # fmt: skip
    people = Person.objects.bulk_create([Person(name="Storm Reid", slug="storm-reid")])
    assert found("storm") == []  # bulk_create sends no signals
    changes.record(films=[film.pk for film in films], people=[person.pk for person in people])
    assert len(found("storm")) == 3
    assert found("storm", "people") == ["Storm Reid"]
    Film.objects.filter(pk=films[0].pk).update(title="Calm")
    reindex(films=[films[0].pk])
    assert found("calm") == ["Calm (2000)"]
    Credit.objects.bulk_create([Credit(film=films[1], person=people[0], role="cast",
                                       character="Eve Macarro")])  # fmt: skip
    reindex(films=[films[1].pk], people=[people[0].pk])
    assert found("macarro") == ["Storm (2001)"]
    Person.objects.filter(pk=people[0].pk).update(name="Calm Reid")
    reindex(people=[people[0].pk])
    assert found("calm", "people") == ["Calm Reid"]
    Credit.objects.all().delete()  # QuerySet.delete() sends the signals itself
    assert found("macarro") == []


def test_a_transaction_updates_the_index_once_when_it_commits(django_assert_max_num_queries):
    with transaction.atomic():
        films = [FilmFactory(title="Storm") for _ in range(10)]
        with transaction.atomic():  # nested: joins the outer block
            CreditFactory(film=films[0], character="Eve Macarro")
        assert found("storm") == []
    assert len(found("storm")) == 10
    assert found("macarro") == ["Storm (2020)"]
    with pytest.raises(RuntimeError), transaction.atomic():
        FilmFactory(title="Calm")
        raise RuntimeError
    assert found("calm") == []


def test_rebuild_command_writes_the_same_index_with_a_progress_bar(catalogue):
    incremental = documents()
    vocabulary = set(SearchTerm.objects.values_list("term", flat=True))
    SearchDocument.objects.all().delete()
    assert found("ballerina") == []
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", batch_size=2, stdout=stdout, stderr=stderr)
    assert documents() == incremental
    assert set(SearchTerm.objects.values_list("term", flat=True)) == vocabulary
    assert found("ballerina") == ["Ballerina (2025)", "Ballerina (2016)", "Red Sparrow (2018)"]
    assert "Indexed 6 films, 3 people, 2 published reviews and 0 lists" in stdout.getvalue()
    progress = stderr.getvalue()
    assert "Films      [##############################] 100% 6/6" in progress
    assert "Reviews" in progress and "Vocabulary" in progress
    # Searches and saves carry on normally afterwards (the triggers are back).
    FilmFactory(title="Calm")
    assert found("calm") == ["Calm (2020)"]


def test_rebuild_refuses_a_nonsense_batch_size():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least 1"):
        call_command("rebuild_search_index", batch_size=0)


def test_migrate_builds_an_empty_index_when_there_is_something_to_find(catalogue, settings):
    from django.apps import apps

    SearchDocument.objects.all().delete()
    build_index_if_empty(apps.get_app_config("search"), using="default", verbosity=0)
    assert found("ballerina 2025") == ["Ballerina (2025)"]
    SearchDocument.objects.filter(kind="film").delete()  # not empty: left alone
    build_index_if_empty(apps.get_app_config("search"), using="default", verbosity=0)
    assert found("ballerina 2025") == []
