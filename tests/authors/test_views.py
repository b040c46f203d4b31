"""The authors page and an author's page: only published reviews, queries that do not grow
with them, a person's structured data, the sitemap, and bylines that link to them."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from authors.models import Author
from tests.factories import (
    AuthorFactory,
    FilmFactory,
    FilmListFactory,
    ReviewFactory,
)
from tests.images import upload

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


@pytest.mark.parametrize("review_count", [2, 10])
def test_an_author_page_lists_their_published_reviews_in_fixed_queries(
    client, django_assert_max_num_queries, review_count
):
    critic = AuthorFactory(name="Nora Castellan", bio="Writes about stunt teams.")
    published = ReviewFactory.create_batch(review_count, critic=critic)
    hidden = [
        ReviewFactory(critic=critic, draft=True, headline="Still a draft"),
        ReviewFactory(critic=critic, scheduled=True, headline="Out next week"),
        ReviewFactory(critic=AuthorFactory(), headline="Someone else's"),
    ]
    FilmListFactory(critic=critic, films=[FilmFactory(), FilmFactory()], title="Start here")
    FilmListFactory(critic=critic, draft=True, title="A draft list")
    # The author; the count of their published reviews; their published lists and (prefetched)
    # those lists' first films; the page of reviews with their films and critic.
    with django_assert_max_num_queries(5):
        html = html_of(client.get("/authors/nora-castellan/"))
    assert html.count('class="review-card"') == review_count
    for review in published:
        assert review.headline in html
    for review in hidden:
        assert review.headline not in html
    assert "Start here" in html and "A draft list" not in html
    assert "Writes about stunt teams." in html
    assert f"{review_count} reviews · 1 list" in html


def test_an_author_page_pages_through_reviews(client):
    critic = AuthorFactory()
    ReviewFactory.create_batch(21, critic=critic)
    assert html_of(client.get(critic.get_absolute_url())).count('class="review-card"') == 20
    html = html_of(client.get(critic.get_absolute_url(), {"page": "2"}))
    assert html.count('class="review-card"') == 1 and "Page 2 of 2" in html
    assert client.get(critic.get_absolute_url(), {"page": "nonsense"}).status_code == 200


def test_an_unknown_author_is_a_404_and_an_old_slug_redirects(client):
    assert client.get("/authors/nobody-at-all/").status_code == 404
    critic = AuthorFactory(name="Nora Castellan")
    critic.slug = "nora-c"
    critic.save()
    response = client.get("/authors/nora-castellan/")
    assert (response.status_code, response["Location"]) == (301, "/authors/nora-c/")


def test_an_author_page_describes_a_person_for_search_engines_and_sharing(client):
    critic = AuthorFactory(
        name="Nora Castellan",
        bio="Writes about stunt teams.",
        headshot=upload("nora.jpg", width=400, height=500),
    )
    ReviewFactory(critic=critic)
    html = html_of(client.get(critic.get_absolute_url()))
    data = json_ld(html)
    assert data["@type"] == "Person" and data["name"] == "Nora Castellan"
    assert data["url"].endswith("/authors/nora-castellan/")
    assert data["description"] == "Writes about stunt teams."
    assert data["image"].endswith(critic.headshot.url)
    assert '<meta property="og:type" content="profile">' in html
    assert '<meta property="og:title" content="Nora Castellan">' in html
    assert '<meta property="og:image" content="' in html
    assert re.search(r'<img class="photo"[^>]*alt="Nora Castellan"', html)


def test_the_authors_page_lists_those_with_a_published_review_in_fixed_queries(
    client, django_assert_max_num_queries
):
    nora, tomas = AuthorFactory(name="Nora Castellan"), AuthorFactory(name="Tomás Ferreira")
    ReviewFactory.create_batch(3, critic=nora)
    ReviewFactory(critic=tomas)
    ReviewFactory(critic=AuthorFactory(name="Drafty McDraft"), draft=True)
    AuthorFactory(name="Never Wrote")
    # The count of authors with a published review; the page of them, with their counts.
    with django_assert_max_num_queries(2):
        html = html_of(client.get("/authors/"))
    names = re.findall(r'<a href="/authors/[^/]+/">([^<]+)</a>', html)
    assert names == ["Nora Castellan", "Tomás Ferreira"]
    assert "3 reviews" in html and "1 review<" in html
    assert "2 critics" in html


def test_bylines_link_to_their_critics_page(client):
    critic = AuthorFactory(name="Nora Castellan")
    film = FilmFactory()
    review = ReviewFactory(critic=critic, film=film, headline="Linked")
    older = timezone.now() - timedelta(days=5)  # the home page features the newest
    ReviewFactory(film=film, byline="A Guest", headline="Unlinked", published_at=older)
    film_list = FilmListFactory(critic=critic, films=[film])
    link = '<a href="/authors/nora-castellan/" rel="author">Nora Castellan</a>'
    for url in [review.get_absolute_url(), "/reviews/", film_list.get_absolute_url(), "/lists/",
                film.get_absolute_url(), "/"]:  # fmt: skip
        assert link in html_of(client.get(url)), url
    assert "By A Guest" in html_of(client.get("/reviews/"))
    data = json_ld(html_of(client.get(review.get_absolute_url())))
    assert data["author"]["name"] == "Nora Castellan"
    assert data["author"]["url"].endswith("/authors/nora-castellan/")


def test_the_sitemap_lists_authors_with_published_reviews(client):
    ReviewFactory(critic=AuthorFactory(name="Nora Castellan"))
    ReviewFactory(critic=AuthorFactory(name="Drafty McDraft"), draft=True)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/authors/</loc>" in xml
    assert "/authors/nora-castellan/</loc>" in xml
    assert "drafty-mcdraft" not in xml


def test_a_draft_review_keeps_its_critic_off_the_authors_page_until_published(client):
    review = ReviewFactory(critic=AuthorFactory(name="Nora Castellan"), draft=True)
    assert "Nora Castellan" not in html_of(client.get("/authors/"))
    review.status, review.published_at = "published", timezone.now() - timedelta(minutes=1)
    review.save()
    assert "Nora Castellan" in html_of(client.get("/authors/"))
    assert Author.objects.count() == 1
