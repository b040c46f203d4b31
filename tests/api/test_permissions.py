"""Who may do what, for every resource: anonymous clients, plain users and staff read; the
Editors group (and a superuser) writes films, people, credits, reviews, genres and collections;
countries and languages are read-only for everyone. The matrix, for every write (create,
update, partial update, delete) of every writable resource:

    anonymous  bad token  plain user  staff, no permissions  editor  superuser
    401        401        403         403                    2xx     2xx
"""

import pytest
from rest_framework.test import APIClient

from films.models import Collection, Credit, Film, Genre
from people.models import Person
from reviews.models import Review
from tests.api.conftest import token_client
from tests.factories import (
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anon", "bad_token", "user", "staff", "editor", "superuser"]


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
def bad_token_api():
    """Credentials that name no token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    return client


@pytest.fixture
def staff_api(db):
    """A staff account with no permissions: staff opens the admin, and grants nothing here."""
    return token_client(UserFactory(username="clerk", is_staff=True))


@pytest.fixture
def api(request, role):
    return request.getfixturevalue(f"{role}_api")


@pytest.mark.parametrize("resource", ALL)
def test_everyone_reads(api, role, resource):
    detail, _, _ = ALL[resource]()
    expected = 401 if role == "bad_token" else 200  # a wrong token is refused, not ignored
    assert api.get(f"/api/v1/{resource}/").status_code == expected
    assert api.get(f"/api/v1/{detail}").status_code == expected


# Not signed in, or a token that names no one: 401 (asked to authenticate); signed in without
# the permission, staff or not: 403.
DENIED = {"anon": 401, "bad_token": 401, "user": 403, "staff": 403}


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
        assert APIClient().get(f"/api/v1/{detail}").json()[field] != value  # nothing written
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


# No one writes countries or languages: 405, once the credentials are known to be good.
READ_ONLY_WRITES = {role: 401 if role == "bad_token" else 405 for role in ROLES}


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
