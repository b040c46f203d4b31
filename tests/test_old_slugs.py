"""Every slug an object has had still finds it: the old address answers 301 to the new one,
on the site and in the API, until another object takes that slug."""

import pytest

from tests.factories import FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_renamed_film_person_and_review_keep_their_old_addresses(client):
    film = FilmFactory(title="Le Fabuleux Destin d'Amélie Poulain", year=2001)
    old_film = film.slug
    film.slug = "amelie-2001"
    film.save()
    person = PersonFactory(name="Audrey Tautou", slug="tautou")
    person.slug = "audrey-tautou"
    person.save()
    review = ReviewFactory(film=film, slug="amelie-review")
    review.slug = "amelie-a-paris-fairy-tale"
    review.save()
    for old, new in [
        (f"/films/{old_film}/", "/films/amelie-2001/"),
        ("/people/tautou/", "/people/audrey-tautou/"),
        ("/reviews/amelie-review/", "/reviews/amelie-a-paris-fairy-tale/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
    response = client.get(f"/api/v1/films/{old_film}/")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/films/amelie-2001/")


def test_twice_renamed_and_taken_again(client):
    film = FilmFactory(slug="first")
    for slug in ("second", "third"):
        film.slug = slug
        film.save()
    assert client.get("/films/first/")["Location"] == "/films/third/"
    assert client.get("/films/second/")["Location"] == "/films/third/"
    other = FilmFactory(slug="first")  # someone else has it now
    assert client.get("/films/first/").context["film"] == other


def test_a_draft_s_old_slug_leads_nowhere_for_readers(client):
    review = ReviewFactory(draft=True, slug="secret-draft")
    review.slug = "still-secret"
    review.save()
    assert client.get("/reviews/secret-draft/").status_code == 404
