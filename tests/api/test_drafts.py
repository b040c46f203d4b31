"""Drafts and scheduled reviews are never visible to anonymous clients or plain users: not in
lists, details, filters, expansions, summaries or search. Editors see them through reviews/."""

import pytest

from tests.factories import FilmFactory, ReviewFactory

pytestmark = pytest.mark.django_db

HIDDEN = ("Secret draft", "Scheduled secret")


@pytest.fixture
def reviews():
    film = FilmFactory(title="Secret Film", year=2024)
    public = ReviewFactory(film=film, headline="Public secret review", rating="2.0")
    draft = ReviewFactory(film=film, headline="Secret draft", rating="5.0", draft=True)
    scheduled = ReviewFactory(film=film, headline="Scheduled secret", rating="5.0", scheduled=True)
    # A film whose only review is a draft.
    ReviewFactory(film=FilmFactory(title="Unreviewed", year=2023), rating="5.0", draft=True)
    return film, public, draft, scheduled


def everything_visible(api, film, draft, scheduled) -> str:
    """Every response that could carry a review, concatenated."""
    urls = [
        "/api/v1/reviews/",
        "/api/v1/reviews/?page_size=100&sort=-rating",
        f"/api/v1/reviews/?film={film.slug}",
        "/api/v1/reviews/?rating_min=5",
        "/api/v1/reviews/?published_after=2000-01-01",
        f"/api/v1/reviews/?author={draft.byline}",
        f"/api/v1/films/{film.slug}/?expand=reviews",
        "/api/v1/films/?expand=reviews,credits",
        "/api/v1/search/?q=secret",
    ]
    return "\n".join(api.get(url).content.decode() for url in urls)


@pytest.mark.parametrize("who", ["anon", "user"])
def test_the_public_never_sees_drafts(request, reviews, who):
    api = request.getfixturevalue(f"{who}_api")
    film, public, draft, scheduled = reviews
    seen = everything_visible(api, film, draft, scheduled)
    assert "Public secret review" in seen
    for headline in HIDDEN:
        assert headline not in seen
    for review in (draft, scheduled):
        response = api.get(f"/api/v1/reviews/{review.slug}/")
        assert response.status_code == 404
        assert api.patch(f"/api/v1/reviews/{review.slug}/", {}, format="json").status_code in (
            401,
            403,
        )


@pytest.mark.parametrize("who", ["anon", "user", "editor"])
def test_summaries_and_review_filters_count_published_reviews_only(request, reviews, who):
    api = request.getfixturevalue(f"{who}_api")
    film, *_ = reviews
    detail = api.get(f"/api/v1/films/{film.slug}/").json()
    assert detail["review_summary"] == {"count": 1, "average_rating": 2.0}
    films = api.get("/api/v1/films/", {"has_review": "true"}).json()["results"]
    assert [row["title"] for row in films] == ["Secret Film"]
    assert api.get("/api/v1/films/", {"rating_min": 3}).json()["count"] == 0
    expanded = api.get(f"/api/v1/films/{film.slug}/", {"expand": "reviews"}).json()
    assert [review["headline"] for review in expanded["reviews"]] == ["Public secret review"]
    search = api.get("/api/v1/search/", {"q": "secret"}).json()
    assert [review["headline"] for review in search["reviews"]] == ["Public secret review"]


def test_editors_see_drafts_through_the_reviews_endpoint(editor_api, reviews):
    film, public, draft, scheduled = reviews
    headlines = {row["headline"] for row in editor_api.get("/api/v1/reviews/").json()["results"]}
    assert set(HIDDEN) <= headlines
    response = editor_api.get(f"/api/v1/reviews/{draft.slug}/")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    published = editor_api.patch(
        f"/api/v1/reviews/{draft.slug}/", {"status": "published"}, format="json"
    )
    assert published.status_code == 200
    assert published.json()["published_at"] is not None
