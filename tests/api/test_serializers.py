"""Writing through the API: what editors send, what is saved, and the same validation the
admin applies (the model's full_clean), reported per field as a 400 with nothing saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from films.models import Credit, Film, FilmCountry, FilmLanguage
from people.models import Person
from reviews.models import Review
from tests.factories import (
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def error(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["error"]


# Films ------------------------------------------------------------------------------------------


def test_create_a_film_with_ordered_countries_and_languages(editor_api):
    GenreFactory(name="Action")
    CollectionFactory(name="John Wick", slug="john-wick")
    response = editor_api.post(
        "/api/v1/films/",
        {
            "title": "Ballerina",
            "year": 2025,
            "runtime_minutes": 124,
            "countries": ["US", "HU"],
            "languages": ["en", "ru"],
            "genres": ["action"],
            "collection": "john-wick",
            "collection_order": 5,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    film = Film.objects.get(slug="ballerina-2025")
    assert [row.country_id for row in film.film_countries.all()] == ["US", "HU"]
    assert [row.position for row in film.film_countries.all()] == [1, 2]
    assert [row.language_id for row in film.film_languages.all()] == ["en", "ru"]
    assert [genre.slug for genre in film.genres.all()] == ["action"]
    # The answer is the full detail, as a GET would give it.
    data = response.json()
    assert data["fact_line"].startswith("USA • HUNGARY | 2025 | 124 MINUTES")
    assert data["collection"]["slug"] == "john-wick"
    assert data["credits"] == []
    assert response["Location"] == "http://testserver/api/v1/films/ballerina-2025/"
    assert type(response["Location"]) is str  # WSGI servers refuse str subclasses


def test_update_replaces_the_lists_it_is_given_and_keeps_the_others(editor_api):
    film = FilmFactory(title="Heat", year=1995, countries=["US"], languages=["en", "es"])
    film.genres.add(GenreFactory(name="Crime"))
    response = editor_api.patch(
        f"/api/v1/films/{film.slug}/", {"countries": ["GB", "US"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert [c["code"] for c in response.json()["countries"]] == ["GB", "US"]
    assert [lang["code"] for lang in response.json()["languages"]] == ["en", "es"]
    assert [g["slug"] for g in response.json()["genres"]] == ["crime"]
    assert FilmCountry.objects.filter(film=film).count() == 2

    cleared = editor_api.patch(
        f"/api/v1/films/{film.slug}/", {"genres": [], "collection": None}, format="json"
    )
    assert cleared.json()["genres"] == []
    assert cleared.json()["collection"] is None


def test_put_needs_the_required_fields(editor_api):
    film = FilmFactory(title="Heat", year=1995)
    response = editor_api.put(f"/api/v1/films/{film.slug}/", {"title": "Heat"}, format="json")
    assert error(response)["fields"] == {"year": ["This field is required."]}
    response = editor_api.put(
        f"/api/v1/films/{film.slug}/", {"title": "Heat", "year": 1996}, format="json"
    )
    assert response.status_code == 200
    film.refresh_from_db()
    assert film.year == 1996


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"year": 1700}, "year", "greater than or equal to 1870"),
        ({"year": "soon"}, "year", "A valid integer is required."),
        ({"imdb_id": "xx123"}, "imdb_id", "Enter an IMDb title id such as tt7181546."),
        ({"imdb_id": "tt0000001"}, "imdb_id", "film with this IMDb id already exists."),
        ({"wikidata_id": "Q0"}, "wikidata_id", "Enter a Wikidata id such as Q43416."),
        ({"aspect_ratio": "wide"}, "aspect_ratio", "Enter an aspect ratio such as 2.39:1"),
        ({"runtime_minutes": 0}, "runtime_minutes", "greater than or equal to 1"),
        ({"runtime_minutes": 40000}, "runtime_minutes", "less than or equal to 32767"),
        ({"colour": "sepia"}, "colour", '"sepia" is not a valid choice.'),
        ({"genres": ["action", "nope"]}, "genres", "Object with slug=nope does not exist."),
        ({"countries": ["ZZ"]}, "countries", "Object with code=ZZ does not exist."),
        ({"countries": ["US", "US"]}, "countries", "Country US is listed twice."),
        ({"languages": ["en", "en"]}, "languages", "Language en is listed twice."),
        ({"collection": "nope"}, "collection", "Object with slug=nope does not exist."),
        ({"title": ""}, "title", "This field may not be blank."),
        ({"title": "a\x00b"}, "title", "Null characters are not allowed."),
    ],
)
def test_invalid_films_are_refused_field_by_field(editor_api, payload, field, message):
    GenreFactory(name="Action")
    FilmFactory(imdb_id="tt0000001")
    before = Film.objects.count()
    response = editor_api.post(
        "/api/v1/films/", {"title": "Heat", "year": 1995} | payload, format="json"
    )
    body = error(response)
    assert body["code"] == "invalid"
    assert any(message in text for text in body["fields"][field]), body
    assert message in body["message"]
    assert Film.objects.count() == before
    assert not FilmCountry.objects.filter(film__title="Heat").exists()


def test_duplicate_tmdb_id_is_refused(editor_api):
    FilmFactory(tmdb_id=603692)
    response = editor_api.post(
        "/api/v1/films/", {"title": "Heat", "year": 1995, "tmdb_id": 603692}, format="json"
    )
    assert "tmdb_id" in error(response)["fields"]


def test_a_failure_midway_saves_nothing(editor_api, monkeypatch):
    def broken(*args, **kwargs):
        from django.db import IntegrityError

        raise IntegrityError("simulated failure after the film and its countries were written")

    monkeypatch.setattr(FilmLanguage.objects, "bulk_create", broken)
    response = editor_api.post(
        "/api/v1/films/",
        {"title": "Heat", "year": 1995, "countries": ["US"], "languages": ["en"]},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert not Film.objects.filter(title="Heat").exists()
    assert not FilmCountry.objects.exists()


def test_deleting_a_film_that_is_still_referred_to_is_a_409(editor_api):
    credit = CreditFactory()
    response = editor_api.delete(f"/api/v1/films/{credit.film.slug}/")
    assert response.status_code == 409
    body = response.json()["error"]
    assert body["code"] == "protected"
    assert "credits" in body["message"]
    assert Film.objects.filter(pk=credit.film_id).exists()


# People -----------------------------------------------------------------------------------------


def test_create_a_person(editor_api):
    response = editor_api.post(
        "/api/v1/people/",
        {"name": "Ana de Armas", "birth_date": "1988-04-30", "imdb_id": "nm1869101"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["slug"] == "ana-de-armas"
    assert response.json()["filmography"] == []
    assert Person.objects.get(slug="ana-de-armas").imdb_id == "nm1869101"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        (
            {"birth_date": "1990-01-01", "death_date": "1980-01-01"},
            "non_field_errors",
            "Date of death cannot come before date of birth.",
        ),
        ({"imdb_id": "tt1869101"}, "imdb_id", "Enter an IMDb name id such as nm0000206."),
        ({"birth_date": "yesterday"}, "birth_date", "Date has wrong format."),
        ({"slug": "not a slug"}, "slug", 'Enter a valid "slug"'),
    ],
)
def test_invalid_people_are_refused(editor_api, payload, field, message):
    response = editor_api.post("/api/v1/people/", {"name": "X"} | payload, format="json")
    assert any(message in text for text in error(response)["fields"][field])
    assert not Person.objects.exists()


def test_deleting_a_credited_person_is_a_409(editor_api):
    credit = CreditFactory()
    response = editor_api.delete(f"/api/v1/people/{credit.person.slug}/")
    assert response.status_code == 409


# Credits ----------------------------------------------------------------------------------------


def test_create_change_and_remove_a_credit(editor_api):
    film, person = FilmFactory(), PersonFactory()
    response = editor_api.post(
        "/api/v1/credits/",
        {"film": film.slug, "person": person.slug, "role": "cast", "character": "Eve", "order": 1},
        format="json",
    )
    assert response.status_code == 201, response.json()
    credit_url = response["Location"]
    assert Credit.objects.get(film=film, person=person).character == "Eve"

    changed = editor_api.patch(credit_url, {"note": "uncredited"}, format="json")
    assert changed.json()["note"] == "uncredited"
    assert editor_api.delete(credit_url).status_code == 204
    assert not Credit.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "non_field_errors", "This person already has this credit on this film."),
        (
            {"role": "director", "character": "Eve"},
            "character",
            "Only cast credits have a character.",
        ),
        ({"film": "no-such-film"}, "film", "Object with slug=no-such-film does not exist."),
        ({"person": "nobody"}, "person", "Object with slug=nobody does not exist."),
        ({"role": "caterer"}, "role", '"caterer" is not a valid choice.'),
        ({"order": -1}, "order", "greater than or equal to 0"),
    ],
)
def test_invalid_credits_are_refused(editor_api, payload, field, message):
    existing = CreditFactory(role="cast", character="Eve")
    before = Credit.objects.count()
    fields = {
        "film": existing.film.slug,
        "person": existing.person.slug,
        "role": "cast",
        "character": "Eve",
    }
    response = editor_api.post("/api/v1/credits/", fields | payload, format="json")
    assert any(message in text for text in error(response)["fields"][field])
    assert Credit.objects.count() == before


def test_a_credit_update_that_would_duplicate_another_is_refused(editor_api):
    first = CreditFactory(role="director", character="")
    second = CreditFactory(film=first.film, role="writer", character="", person=first.person)
    response = editor_api.patch(
        f"/api/v1/credits/{second.pk}/", {"role": "director"}, format="json"
    )
    assert "This person already has this credit" in error(response)["message"]
    second.refresh_from_db()
    assert second.role == "writer"


# Reviews ----------------------------------------------------------------------------------------


def test_the_author_of_a_new_review_is_whoever_sends_it(editor_api, editor):
    film = FilmFactory()
    response = editor_api.post(
        "/api/v1/reviews/",
        {"film": film.slug, "headline": "Pure Heat", "body": "**Yes.**", "rating": 4},
        format="json",
    )
    assert response.status_code == 201, response.json()
    review = Review.objects.get()
    assert review.author == editor
    assert review.byline == editor.get_full_name()
    assert review.status == Review.Status.DRAFT
    data = response.json()
    assert data["rating"] == 4.0
    assert data["body_html"] == "<p><strong>Yes.</strong></p>"
    assert data["status"] == "draft"


def test_publishing_without_a_time_publishes_now(editor_api):
    film = FilmFactory()
    response = editor_api.post(
        "/api/v1/reviews/",
        {"film": film.slug, "headline": "Now", "body": "x", "rating": 3, "status": "published"},
        format="json",
    )
    assert response.status_code == 201
    review = Review.objects.get()
    assert timezone.now() - review.published_at < timedelta(minutes=1)
    assert review.is_public


def test_an_update_keeps_the_author(editor_api, editor):
    review = ReviewFactory()
    response = editor_api.put(
        f"/api/v1/reviews/{review.slug}/",
        {"film": review.film.slug, "headline": "Changed", "body": "New."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    review.refresh_from_db()
    assert review.headline == "Changed"
    assert review.author != editor


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"rating": 7}, "rating", "Ensure this value is less than or equal to 5"),
        ({"rating": 4.3}, "rating", "A rating is 0.5 to 5 in half stars."),
        ({"rating": 0}, "rating", "Ensure this value is greater than or equal to 0.5"),
        ({"rating": "good"}, "rating", "A valid number is required."),
        ({"film": "nope"}, "film", "Object with slug=nope does not exist."),
        ({"status": "secret"}, "status", '"secret" is not a valid choice.'),
        ({"headline": ""}, "headline", "This field may not be blank."),
        ({"published_at": "soon"}, "published_at", "Datetime has wrong format."),
    ],
)
def test_invalid_reviews_are_refused(editor_api, payload, field, message):
    film = FilmFactory(slug="heat-1995")
    fields = {"film": film.slug, "headline": "Heat", "body": "Good."}
    response = editor_api.post("/api/v1/reviews/", fields | payload, format="json")
    body = error(response)
    assert any(message in text for text in body["fields"][field]), body
    assert not Review.objects.exists()


# Genres and collections -------------------------------------------------------------------------


def test_genre_and_collection_slugs_are_unique(editor_api):
    GenreFactory(name="Noir", slug="noir")
    CollectionFactory(slug="bourne")
    genre = editor_api.post("/api/v1/genres/", {"name": "Neo", "slug": "noir"}, format="json")
    assert "slug" in error(genre)["fields"]
    collection = editor_api.post(
        "/api/v1/collections/", {"name": "Bourne", "slug": "bourne"}, format="json"
    )
    assert "slug" in error(collection)["fields"]


def test_a_fields_copy_changes_no_other_copy():
    from rest_framework import serializers

    from api.serializers import fresh

    field = serializers.CharField(max_length=5)
    changed = fresh(field)
    changed.validators.append(lambda value: None)
    changed.error_messages["custom"] = "Changed."
    untouched = fresh(field)
    assert untouched.validators == field.validators
    assert len(field.validators) == 3  # length, null characters, surrogates: not the one added
    assert "custom" not in untouched.error_messages
