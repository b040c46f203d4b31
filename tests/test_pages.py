"""Public pages: they render, carry their metadata, keep a bounded number of queries whatever
the number of credits or rows, and treat bad input as a normal page."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from core.images import PictureFormField
from films.models import Credit, Film
from reviews.models import Review
from tests.factories import (
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
    film_with_credits,
)
from tests.images import upload

pytestmark = pytest.mark.django_db


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def meta(response, name: str) -> str:
    html = response.content.decode()
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', html)
    assert match, f"no <meta> {name}"
    return match.group(1)


def one(pattern: str, html: str) -> str:
    found = re.findall(pattern, html, re.S)
    assert len(found) == 1, f"{pattern!r} found {len(found)} times"
    return found[0]


@pytest.fixture
def big_film():
    """A film of 60 credits with genres, a collection, a related film and two reviews."""
    film = film_with_credits(60, title="Ballerina", year=2025, runtime_minutes=124,
                             countries=["US", "HU"], collection=CollectionFactory())  # fmt: skip
    film.genres.add(GenreFactory(name="Action"), GenreFactory(name="Thriller"))
    sequel = FilmFactory(collection=film.collection)
    sequel.relations.create(kind="sequel-of", related_film=film)
    ReviewFactory.create_batch(2, film=film)
    return film


def test_home_features_the_latest_review_then_posters(client, django_assert_max_num_queries):
    reviews = ReviewFactory.create_batch(10)
    ReviewFactory(draft=True, headline="Secret draft")
    FilmFactory.create_batch(2)
    latest = max(reviews, key=lambda review: review.published_at)
    # reviews with their films; recent films
    with django_assert_max_num_queries(2):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Secret draft" not in html
    feature = html[html.index('class="feature') : html.index('id="latest-reviews"')]
    assert latest.headline in feature and latest.film.title in feature
    assert 'fetchpriority="high"' in feature  # above the fold: not lazy
    # Eight more reviews, then the twelve newest films, as posters with their captions.
    more = html[html.index('id="latest-reviews"') : html.index('id="recent-films"')]
    assert more.count("<li>") == 8
    films = html[html.index('id="recent-films"') :]
    assert films.count('loading="lazy"') == 12
    newest = Film.objects.order_by("-created_at", "-id").first()
    assert f'src="{newest.poster_url}" srcset="{newest.poster_url} 480w"' in films
    assert 'width="480" height="720" alt=""' in films  # the caption beside it names the film


def test_home_features_a_backdrop_when_the_film_has_one(client):
    film = FilmFactory(backdrop=PictureFormField().clean(upload(width=1600, height=900)))
    ReviewFactory(film=film)
    html = client.get("/").content.decode()
    feature = html[html.index('class="feature') : html.index('id="latest-reviews"')]
    assert "has-backdrop" in feature
    assert '<source type="image/webp"' in feature and 'width="1600" height="900"' in feature


def test_film_page_shows_the_house_style_facts(client, big_film, django_assert_max_num_queries):
    # film+collection, countries, languages, genres, credits+people, release dates,
    # alternative titles, relations from and to it, reviews, reviews that mention it,
    # collection films, stills, the lists it is on
    with django_assert_max_num_queries(13):
        response = client.get(big_film.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH" in html
    assert html.count('class="cast-list"') == 1
    assert len(re.findall(r"<li><a href=\"/people/", html)) >= 58
    one(r"<h1[ >]", html)
    assert "<title>Ballerina (2025) — Marquee</title>" in html


def test_film_page_queries_do_not_grow_with_credits(client, django_assert_max_num_queries):
    small = film_with_credits(3)
    ReviewFactory(film=small)
    large = film_with_credits(60)
    ReviewFactory.create_batch(5, film=large)
    # as above
    with django_assert_max_num_queries(12):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(12):
        client.get(large.get_absolute_url())


def test_film_page_structured_data_matches_the_page(client, big_film):
    response = client.get(big_film.get_absolute_url())
    data = json_ld(response)
    assert data["@type"] == "Movie"
    assert data["name"] == "Ballerina"
    assert data["duration"] == "PT2H4M"
    assert [c["name"] for c in data["countryOfOrigin"]] == ["United States", "Hungary"]
    assert data["inLanguage"] == ["en"]
    assert len(data["actor"]) == 58
    assert len(data["director"]) == 1
    director = Credit.objects.get(film=big_film, role="director").person
    assert data["director"][0]["name"] == director.name
    assert director.name in response.content.decode()


def test_film_page_metadata(client, big_film):
    response = client.get(big_film.get_absolute_url())
    html = response.content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/films/ballerina-2025/">' in html
    assert meta(response, "og:title") == "Ballerina (2025)"
    assert meta(response, "og:type") == "video.movie"
    # No poster uploaded: the one made for it, which every film has.
    assert meta(response, "twitter:card") == "summary_large_image"
    assert meta(response, "og:image") == "http://127.0.0.1:8000/films/ballerina-2025/poster.png"
    assert meta(response, "description").startswith("Ballerina (2025)")


def test_person_page_filmography_grouped_by_role(client, django_assert_max_num_queries):
    person = PersonFactory(name="Keanu Reeves")
    old = FilmFactory(title="John Wick", year=2014)
    new = FilmFactory(title="Ballerina", year=2025)
    CreditFactory(person=person, film=old, character="John Wick")
    CreditFactory(person=person, film=new, character="John Wick")
    CreditFactory(person=person, film=new, role=Credit.Role.PRODUCER, character="")
    CreditFactory.create_batch(30, person=person)  # fewer than a page shows of a role
    # person, credits with films, known for, reviews that mention them
    with django_assert_max_num_queries(4):
        response = client.get(person.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("<h3>Cast</h3>") < html.index("<h3>Producer</h3>")
    assert html.index("Ballerina") < html.index("John Wick</a>")  # newest first
    assert json_ld(response)["name"] == "Keanu Reeves"
    assert json_ld(response)["@type"] == "Person"


def test_review_page(client, django_assert_max_num_queries):
    film = film_with_credits(60, title="Hot Fuzz", year=2007)
    review = ReviewFactory(film=film, rating="4.5", body="Has **swans**.", byline="Nora Castellan")
    # review, film+collection, countries, languages, genres, credits+people
    with django_assert_max_num_queries(6):
        response = client.get(review.get_absolute_url())
    html = response.content.decode()
    assert "<strong>swans</strong>" in html
    assert "Rated 4.5 out of 5" in html  # for screen readers
    assert "By Nora Castellan" in html
    data = json_ld(response)
    assert data["@type"] == "Review"
    assert data["itemReviewed"]["name"] == "Hot Fuzz"
    assert data["reviewRating"]["ratingValue"] == "4.5"
    assert data["author"]["name"] == "Nora Castellan"
    assert data["datePublished"] == review.published_at.isoformat()
    assert meta(response, "og:type") == "article"


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_drafts_and_scheduled_reviews_are_404_for_the_public(client, trait):
    review = ReviewFactory(**{trait: True})
    response = client.get(review.get_absolute_url())
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_staff_preview_scheduled_review(editor_client):
    review = ReviewFactory(scheduled=True)
    html = editor_client.get(review.get_absolute_url()).content.decode()
    assert "Scheduled — not public until" in html


@pytest.mark.parametrize(
    ("url", "max_queries"),
    [("/films/", 7), ("/reviews/", 3), ("/people/", 2)],
)
def test_lists_of_50_rows_run_bounded_queries(
    client, django_assert_max_num_queries, url, max_queries
):
    for film in FilmFactory.create_batch(50):
        CreditFactory(film=film, role=Credit.Role.DIRECTOR, character="")
        ReviewFactory(film=film)
    PersonFactory.create_batch(50)
    # films: count, page, countries, languages, genres, directors; filter choices: genres,
    # countries and languages in use (the codes cached after this first request)
    with django_assert_max_num_queries(max_queries + 5):
        response = client.get(url)
    assert response.status_code == 200


def test_film_list_filters_survive_pagination(client):
    action = GenreFactory(name="Action")
    for film in FilmFactory.create_batch(30, year=2014):
        film.genres.add(action)
    FilmFactory.create_batch(5, year=1995)
    response = client.get("/films/", {"genre": "action", "decade": "2010"})
    html = response.content.decode()
    assert response.context["paginator"].count == 30
    assert "genre=action&amp;decade=2010&amp;page=2" in html


def test_film_list_reads_its_filter_choices_in_one_query_each(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    action = GenreFactory(name="Action")
    FilmFactory(title="Underworld", year=2003, countries=["GB"]).genres.add(action)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/films/", {"genre": "action"}).content.decode()
    assert '<option value="action" selected>Action</option>' in html
    assert '<option value="GB">' in html
    # Django reads choices with iterator(): on PostgreSQL, a server-side cursor (DECLARE,
    # FETCH, CLOSE) for each select.
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DECLARE")]


def test_film_list_filters(client):
    director = PersonFactory(name="Len Wiseman")
    underworld = FilmFactory(title="Underworld", year=2003, countries=["GB", "US"])
    CreditFactory(film=underworld, person=director, role="director", character="")
    reviewed = FilmFactory(title="Hot Fuzz", year=2007)
    ReviewFactory(film=reviewed, rating="4.5")
    ReviewFactory(film=FilmFactory(title="Dull", year=2007), rating="1.0")

    def titles(**params):
        return [film.title for film in client.get("/films/", params).context["films"]]

    assert titles(director="len-wiseman") == ["Underworld"]
    assert titles(country="GB") == ["Underworld"]
    assert titles(year="2007") == ["Dull", "Hot Fuzz"]
    assert titles(has_review="true") == ["Dull", "Hot Fuzz"]
    assert titles(has_review="false") == ["Underworld"]
    assert titles(sort="-rating") == ["Hot Fuzz", "Dull", "Underworld"]
    assert titles(sort="-year") == ["Dull", "Hot Fuzz", "Underworld"]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"page": "999999"},
        {"page": "-1"},
        {"decade": "1234"},
        {"sort": "evil"},
        {"genre": "nope"},
        {"country": "ZZ"},
        {"year": "99999999999999999999"},
    ],  # fmt: skip
)
def test_nonsense_filters_give_a_normal_page(client, params):
    FilmFactory.create_batch(3)
    response = client.get("/films/", params)
    assert response.status_code == 200


def test_bad_filter_shows_a_message(client):
    response = client.get("/films/", {"year": "abc"})
    assert "Some filters could not be used" in response.content.decode()


def test_page_past_the_end_shows_the_last_page(client):
    FilmFactory.create_batch(30)
    response = client.get("/films/", {"page": "999999"})
    assert response.context["page_obj"].number == 2


def test_review_list_filters_by_rating(client):
    ReviewFactory(rating="4.5", headline="Great")
    ReviewFactory(rating="2.0", headline="Poor")
    ReviewFactory(draft=True, rating="5.0", headline="Unseen")
    headlines = [r.headline for r in client.get("/reviews/", {"rating": "4.0"}).context["reviews"]]
    assert headlines == ["Great"]
    assert client.get("/reviews/", {"rating": "7"}).status_code == 200


def test_unknown_slugs_are_404(client):
    for url in ("/films/nope-1999/", "/people/nobody/", "/reviews/nothing/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "We can’t find that page" in response.content.decode()


def test_search_groups_films_people_and_reviews(client, django_assert_max_num_queries):
    film = FilmFactory(title="Ballerina", year=2025)
    PersonFactory(name="Ana de Armas")
    ReviewFactory(film=film, headline="Ballerina pirouettes")
    ReviewFactory(film=film, headline="Ballerina draft", draft=True)
    # The vocabulary, the ranked matches with counts, the films, the reviews.
    with django_assert_max_num_queries(4):
        response = client.get("/search/", {"q": "ballerina"})
    html = response.content.decode()
    assert "Films (1)" in html
    assert "Reviews (1)" in html
    assert "Ballerina draft" not in html
    assert "People (1)" in client.get("/search/", {"q": "de armas"}).content.decode()


# A NUL is a 400 before search sees it (tests/test_bad_requests.py).
@pytest.mark.parametrize(
    "query", ["", "   ", "x" * 1000, "!!!", '"*NEAR -:', "🎬 ballerina", "%_%"]
)
def test_search_bad_input_is_a_normal_page(client, query):
    FilmFactory(title="Ballerina")
    assert client.get("/search/", {"q": query}).status_code == 200


def test_every_page_has_a_search_box_title_description_and_canonical(client):
    review = ReviewFactory()
    person = CreditFactory(film=review.film).person
    for url in ("/", "/films/", "/people/", "/reviews/", "/search/?q=x",
                review.get_absolute_url(), review.film.get_absolute_url(),
                person.get_absolute_url()):  # fmt: skip
        response = client.get(url)
        html = response.content.decode()
        assert 'role="search"' in html, url
        assert meta(response, "description"), url
        assert meta(response, "og:title"), url
        assert '<link rel="canonical"' in html, url
        assert 'href="#content"' in html, url  # skip link
        one(r"<h1[ >]", html)


def test_sitemap_lists_public_things_with_lastmod(client):
    public = ReviewFactory()
    draft = ReviewFactory(draft=True)
    person = PersonFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert public.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml
    assert public.film.get_absolute_url() in xml
    assert person.get_absolute_url() in xml
    assert "<lastmod>" in xml


def test_feed_has_published_reviews_only(client):
    ReviewFactory(headline="Out now")
    ReviewFactory(headline="Not yet", published_at=timezone.now() + timedelta(hours=1))
    xml = client.get("/feeds/reviews/").content.decode()
    assert "Out now" in xml
    assert "Not yet" not in xml


def test_robots_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_review_status_changes_show_on_the_site_at_once(client):
    review = ReviewFactory(draft=True)
    assert client.get(review.get_absolute_url()).status_code == 404
    Review.objects.filter(pk=review.pk).update(
        status="published", published_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(review.get_absolute_url()).status_code == 200


def test_pages_are_valid_html(client, editor):
    """Parsed by html5lib in strict mode: any HTML parse error (stray end tags, bad nesting,
    unquoted attribute trouble, duplicate attributes) fails."""
    import html5lib

    review = ReviewFactory(body="A *fine* film.\n\n> With a quote.")
    credit = CreditFactory(film=review.film)
    urls = ["/", "/films/", "/films/?year=abc", "/people/", "/reviews/", "/search/?q=film",
            review.get_absolute_url(), review.film.get_absolute_url(),
            credit.person.get_absolute_url(), "/no-such-page/"]  # fmt: skip
    parser = html5lib.HTMLParser(strict=True)
    for url in urls:
        html = client.get(url).content.decode()
        parser.parse(html)  # raises html5lib.html5parser.ParseError
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), f"duplicate ids on {url}"


def test_server_error_page_is_friendly(client, monkeypatch):
    from sitewide import views

    def broken(self):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(views.FilmListView, "get_queryset", broken)
    client.raise_request_exception = False
    response = client.get("/films/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "database on fire" not in html
