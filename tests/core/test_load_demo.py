from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Revision, Version

from films.models import Credit, Film
from people.models import Person
from reviews.models import Review

pytestmark = pytest.mark.django_db


def counts():
    return {
        "films": Film.objects.count(),
        "people": Person.objects.count(),
        "credits": Credit.objects.count(),
        "reviews": Review.objects.count(),
        "revisions": Revision.objects.count(),
        "versions": Version.objects.count(),
    }


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    first = counts()
    assert first["revisions"] == 1  # the first run's saves are one version each
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == first
    assert "nothing changed" in out.getvalue()


def test_demo_has_ballerina_with_every_fact_of_the_seed_footer():
    call_command("load_demo", stdout=StringIO())
    film = Film.objects.with_credits().get(slug="ballerina-2025")
    assert film.fact_line() == "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH"
    assert [credit.person.name for credit in film.directors] == ["Len Wiseman"]
    assert [credit.person.name for credit in film.writers] == ["Shay Hatten"]
    assert [(c.person.name, c.note) for c in film.source_credits] == [
        ("Derek Kolstad", "based on characters created by")
    ]
    assert [credit.person.name for credit in film.cast] == [
        "Ana de Armas", "Anjelica Huston", "Gabriel Byrne", "Lance Reddick", "Norman Reedus",
        "Ian McShane", "Keanu Reeves",
    ]  # fmt: skip
    assert film.collection.name == "John Wick"
    related = {(r.kind, r.related_film.title) for r in film.relations.all()}
    assert ("set-between", "John Wick: Chapter 3 – Parabellum") in related
    assert ("set-between", "John Wick: Chapter 4") in related


def test_demo_has_the_films_the_review_mentions_and_a_draft():
    call_command("load_demo", stdout=StringIO())
    titles = set(Film.objects.values_list("title", flat=True))
    assert {
        "John Wick", "John Wick: Chapter 2", "John Wick: Chapter 3 – Parabellum",
        "John Wick: Chapter 4", "No Time to Die", "Hot Fuzz", "Red Sparrow", "Black Widow",
        "The Usual Suspects", "Underworld",
    } <= titles  # fmt: skip
    assert Review.objects.published().count() >= 3
    assert Review.objects.filter(status=Review.Status.DRAFT).exists()
