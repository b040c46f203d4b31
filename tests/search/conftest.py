from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from search.indexing import rebuild
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory


@pytest.fixture
def catalogue(db):
    """Films, people, credits and reviews that the reader's half-remembered queries are about.
    Saved one by one through the factories, so the index is kept by the signals."""
    return make_catalogue()


@pytest.fixture(scope="module")
def shared_catalogue(django_db_setup, django_db_blocker):
    """The same catalogue made once for a module's read-only tests, in a transaction rolled
    back after them (each test still runs in its own savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalogue = make_catalogue()
        rebuild()  # the change event waits for a commit this transaction never makes
        yield catalogue
        transaction.set_rollback(True)


def make_catalogue() -> dict:
    ballerina = FilmFactory(
        title="Ballerina",
        original_title="From the World of John Wick: Ballerina",
        year=2025,
        logline="Raised by the Ruska Roma as a dancer and a killer, a young woman takes revenge.",
    )
    leap = FilmFactory(
        title="Ballerina", year=2016, logline="An orphan in Brittany dreams of the Paris Opera."
    )
    amelie = FilmFactory(
        title="Amélie",
        original_title="Le Fabuleux Destin d'Amélie Poulain",
        year=2001,
        logline="A shy waitress in Montmartre quietly changes the lives of those around her.",
    )
    john_wick = FilmFactory(title="John Wick", year=2014, logline="A retired hitman returns.")
    chapter_4 = FilmFactory(title="John Wick: Chapter 4", year=2023, logline="The High Table.")
    sparrow = FilmFactory(
        title="Red Sparrow", year=2018, logline="A ballerina is recruited as a Russian spy."
    )
    keanu = PersonFactory(name="Keanu Reeves")
    ana = PersonFactory(name="Ana de Armas")
    audrey = PersonFactory(name="Audrey Tautou")
    CreditFactory(film=ballerina, person=ana, character="Eve Macarro")
    CreditFactory(film=ballerina, person=keanu, character="John Wick")
    CreditFactory(film=john_wick, person=keanu, character="John Wick")
    CreditFactory(film=chapter_4, person=keanu, character="John Wick")
    CreditFactory(film=amelie, person=audrey, character="Amélie Poulain")
    review = ReviewFactory(
        film=ballerina,
        headline="Ballerina pirouettes on borrowed steps",
        standfirst="A spin-off that spins its wheels.",
        body="Ana de Armas does her own *falling*, and Keanu Reeves drops by to help.",
        published_at=timezone.now() - timedelta(days=2),
    )
    ReviewFactory(
        film=amelie,
        headline="Montmartre in bloom",
        standfirst="Jeunet's fairy tale is still sweet.",
        body='Audrey Tautou\'s Amélie is a <b>delight</b> & Paris is "never so green".',
        published_at=timezone.now() - timedelta(days=1),
    )
    ReviewFactory(film=ballerina, headline="Ballerina draft", draft=True)
    return {
        "ballerina": ballerina,
        "leap": leap,
        "amelie": amelie,
        "john_wick": john_wick,
        "chapter_4": chapter_4,
        "sparrow": sparrow,
        "keanu": keanu,
        "ana": ana,
        "audrey": audrey,
        "review": review,
    }
