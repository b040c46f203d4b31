"""Who may do what, for every resource: anonymous clients and plain users read; the Editors
group writes films, people, credits, reviews, genres and collections; countries and languages
are read-only for everyone (a superuser, who passes every permission, gets 405)."""

import pytest
from rest_framework.test import APIClient

from films.models import Collection, Credit, Film, Genre
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

ROLES = ["anon", "user", "editor", "superuser"]


def film_resource():
    film = FilmFactory()
    return f"films/{film.slug}/", {"title": "Nouvelle Vague", "year": 2025}, {"logline": "New."}


def person_resource():
    person = PersonFactory()
    return f"people/{person.slug}/", {"name": "Zoey Deutch"}, {"biography": "Actor."}


def review_resource():
    review = ReviewFactory()
    new = {"film": FilmFactory().slug, "headline": "Fresh", "body": "Good.", "rating": 4}
    return f"reviews/{review.slug}/", new, {"standfirst": "Changed."}


def credit_resource():
    credit = CreditFactory()
    new = {"film": FilmFactory().slug, "person": PersonFactory().slug, "role": "director"}
    return f"credits/{credit.pk}/", new, {"note": "uncredited"}


def genre_resource():
    genre = GenreFactory()
    return f"genres/{genre.slug}/", {"name": "Noir", "slug": "noir"}, {"name": "Renamed"}


def collection_resource():
    collection = CollectionFactory()
    return f"collections/{collection.slug}/", {"name": "Bourne", "slug": "bourne"}, {"name": "X"}


def country_resource():
    return "countries/US/", {"code": "ZZ", "name": "Z", "short_name": "Z"}, {"name": "X"}


def language_resource():
    return "languages/en/", {"code": "zz", "name": "Z"}, {"name": "X"}


WRITABLE = {
    "films": (film_resource, Film),
    "people": (person_resource, Person),
    "reviews": (review_resource, Review),
    "credits": (credit_resource, Credit),
    "genres": (genre_resource, Genre),
    "collections": (collection_resource, Collection),
}
READ_ONLY = {"countries": country_resource, "languages": language_resource}
ALL = {name: make for name, (make, _) in WRITABLE.items()} | READ_ONLY


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def api(request, role):
    return request.getfixturevalue(f"{role}_api")


@pytest.mark.parametrize("resource", ALL)
def test_everyone_reads(api, resource):
    detail, _, _ = ALL[resource]()
    assert api.get(f"/api/v1/{resource}/").status_code == 200
    assert api.get(f"/api/v1/{detail}").status_code == 200


# anonymous: 401 (asked to authenticate); a user without the permission: 403.
DENIED = {"anon": 401, "user": 403}


@pytest.mark.parametrize("resource", WRITABLE)
def test_create(api, role, resource):
    make, model = WRITABLE[resource]
    _, new, _ = make()
    before = model.objects.count()
    response = api.post(f"/api/v1/{resource}/", new, format="json")
    if role in DENIED:
        assert response.status_code == DENIED[role]
        assert model.objects.count() == before
    else:
        assert response.status_code == 201, response.json()
        assert model.objects.count() == before + 1
        assert response["Location"] == response.json()["url"]


@pytest.mark.parametrize("resource", WRITABLE)
def test_update(api, role, resource):
    make, model = WRITABLE[resource]
    detail, _, change = make()
    response = api.patch(f"/api/v1/{detail}", change, format="json")
    [(field, value)] = change.items()
    if role in DENIED:
        assert response.status_code == DENIED[role]
    else:
        assert response.status_code == 200, response.json()
        assert response.json()[field] == value
    # PUT needs the same permission as PATCH.
    assert api.put(f"/api/v1/{detail}", {}, format="json").status_code in (
        {DENIED[role]} if role in DENIED else {400}
    )


@pytest.mark.parametrize("resource", WRITABLE)
def test_delete(api, role, resource):
    make, model = WRITABLE[resource]
    detail, _, _ = make()
    before = model.objects.count()
    response = api.delete(f"/api/v1/{detail}")
    if role in DENIED:
        assert response.status_code == DENIED[role]
        assert model.objects.count() == before
    else:
        assert response.status_code == 204
        assert model.objects.count() == before - 1


# Editors only view countries and languages; a superuser has every permission, so the
# viewset itself refuses.
READ_ONLY_WRITES = {"anon": 401, "user": 403, "editor": 403, "superuser": 405}


@pytest.mark.parametrize("resource", READ_ONLY)
def test_reference_data_is_read_only(api, role, resource):
    detail, new, change = READ_ONLY[resource]()
    expected = READ_ONLY_WRITES[role]
    assert api.post(f"/api/v1/{resource}/", new, format="json").status_code == expected
    assert api.patch(f"/api/v1/{detail}", change, format="json").status_code == expected
    assert api.put(f"/api/v1/{detail}", new, format="json").status_code == expected
    assert api.delete(f"/api/v1/{detail}").status_code == expected


def test_anonymous_write_asks_for_a_token(anon_api):
    response = anon_api.post("/api/v1/films/", {"title": "X", "year": 2000}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_bad_token_is_401_even_for_reads(anon_api):
    anon_api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anon_api.get("/api/v1/films/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_editors_write_with_a_session_and_its_csrf_token(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    without_csrf = client.post("/api/v1/people/", {"name": "Ana"}, format="json")
    assert without_csrf.status_code == 403
    assert "CSRF" in without_csrf.json()["error"]["message"]

    csrf_token = "x" * 32
    client.cookies["csrftoken"] = csrf_token
    response = client.post(
        "/api/v1/people/", {"name": "Ana"}, format="json", HTTP_X_CSRFTOKEN=csrf_token
    )
    assert response.status_code == 201
