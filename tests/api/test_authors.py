"""The API names each review's and list's critic, takes one by slug when writing, filters by
it, and lists the authors read-only."""

import pytest

from authors.models import Author
from core.links import absolute_url
from reviews.models import Review
from tests.api.test_bad_input import assert_error
from tests.factories import AuthorFactory, FilmFactory, FilmListFactory, ReviewFactory
from tests.images import upload

pytestmark = pytest.mark.django_db

NORA = {
    "slug": "nora-castellan",
    "name": "Nora Castellan",
    "url": "http://testserver/api/v1/authors/nora-castellan/",
    "site_url": absolute_url("/authors/nora-castellan/"),  # the site's address, SITE_URL
}


@pytest.fixture
def nora():
    return AuthorFactory(name="Nora Castellan", bio="Writes about stunt teams.")


def without_id(critic: dict | None) -> dict | None:
    return critic and {key: value for key, value in critic.items() if key != "id"}


def test_reviews_name_their_critic_in_lists_and_details(anon_api, nora):
    review = ReviewFactory(critic=nora)
    ReviewFactory(byline="A Guest")
    rows = anon_api.get("/api/v1/reviews/").json()["results"]
    assert sorted((row["byline"], without_id(row["critic"])) for row in rows) == [
        ("A Guest", None), ("Nora Castellan", NORA)
    ]  # fmt: skip
    detail = anon_api.get(f"/api/v1/reviews/{review.slug}/").json()
    assert without_id(detail["critic"]) == NORA and detail["critic"]["id"] == nora.pk


def test_lists_name_their_critic_in_lists_and_details(anon_api, nora):
    film_list = FilmListFactory(critic=nora, films=[FilmFactory()])
    row = anon_api.get("/api/v1/lists/").json()["results"][0]
    assert without_id(row["critic"]) == NORA
    detail = anon_api.get(f"/api/v1/lists/{film_list.slug}/").json()
    assert without_id(detail["critic"]) == NORA


def test_reviews_and_lists_filter_by_critic(anon_api, nora):
    ReviewFactory(critic=nora, headline="Hers")
    ReviewFactory(critic=AuthorFactory(), headline="Someone else's")
    FilmListFactory(critic=nora, title="Her list")
    FilmListFactory(title="Another list")
    reviews = anon_api.get("/api/v1/reviews/", {"critic": "nora-castellan"}).json()["results"]
    lists = anon_api.get("/api/v1/lists/", {"critic": "nora-castellan"}).json()["results"]
    assert [row["headline"] for row in reviews] == ["Hers"]
    assert [row["title"] for row in lists] == ["Her list"]


def test_an_editor_credits_a_critic_by_slug(editor_api, nora):
    response = editor_api.post(
        "/api/v1/reviews/",
        {"film": FilmFactory().slug, "headline": "Pirouettes", "critic": "nora-castellan"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["byline"], response.json()["critic"]["slug"]) == (
        "Nora Castellan",
        "nora-castellan",
    )
    review = Review.objects.get()
    response = editor_api.patch(f"/api/v1/reviews/{review.slug}/", {"critic": None}, format="json")
    assert response.status_code == 200 and response.json()["critic"] is None


def test_an_unknown_critic_is_a_400_in_the_error_shape(editor_api):
    response = editor_api.post(
        "/api/v1/lists/", {"title": "A list", "critic": "nobody-at-all"}, format="json"
    )
    assert "critic" in assert_error(response, 400, "invalid")["fields"]


def test_authors_are_listed_and_read_by_slug(anon_api, django_assert_max_num_queries, nora):
    nora.headshot = upload("nora.jpg", width=400, height=500)
    nora.save()
    AuthorFactory(name="Tomás Ferreira")
    # The count, the page of authors.
    with django_assert_max_num_queries(2):
        rows = anon_api.get("/api/v1/authors/").json()["results"]
    assert [row["name"] for row in rows] == ["Nora Castellan", "Tomás Ferreira"]
    assert rows[1]["headshot"] is None
    detail = anon_api.get("/api/v1/authors/nora-castellan/").json()
    assert detail["bio"] == "Writes about stunt teams."
    assert detail["headshot"]["width"] == 400 and detail["headshot"]["renditions"]
    assert detail["site_url"] == NORA["site_url"]


def test_authors_are_read_only_and_an_unknown_one_is_a_404(editor_api, nora):
    assert editor_api.post("/api/v1/authors/", {"name": "New"}).status_code == 405
    assert editor_api.delete("/api/v1/authors/nora-castellan/").status_code == 405
    assert_error(editor_api.get("/api/v1/authors/nobody-at-all/"), 404, "not_found")
    assert Author.objects.count() == 1
