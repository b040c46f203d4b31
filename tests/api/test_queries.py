"""Each endpoint runs a fixed number of queries, whatever the page size or the number of
credits: a full page of 100 rows costs what a page of one does."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core import changes
from films.models import Credit, Film, FilmCountry, FilmLanguage
from people.models import Person
from reviews.models import Review
from tests.factories import (
    AuthorFactory,
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    GenreFactory,
    PersonFactory,
    ReviewFactory,
    UserFactory,
    film_with_credits,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hundred_of_everything():
    """100 films, each with three genres, a collection, two countries, a language, two credits
    and two published reviews. Made in bulk: factories would take seconds."""
    author = UserFactory()
    genres = GenreFactory.create_batch(3)
    collection = CollectionFactory()
    people = Person.objects.bulk_create(
        Person(name=f"Person {n}", slug=f"bulk-person-{n}") for n in range(100)
    )
    films = Film.objects.bulk_create(
        Film(title=f"Film {n}", slug=f"bulk-film-{n}", year=2000 + n % 20, collection=collection)
        for n in range(100)
    )
    FilmCountry.objects.bulk_create(
        FilmCountry(film=film, country_id=code, position=position)
        for film in films
        for position, code in enumerate(["US", "GB"], start=1)
    )
    FilmLanguage.objects.bulk_create(FilmLanguage(film=film, language_id="en") for film in films)
    Film.genres.through.objects.bulk_create(
        Film.genres.through(film=film, genre=genre) for film in films for genre in genres
    )
    Credit.objects.bulk_create(
        credit
        for n, film in enumerate(films)
        for credit in (
            Credit(film=film, person=people[n], role=Credit.Role.DIRECTOR, order=1),
            Credit(film=film, person=people[n - 1], role=Credit.Role.CAST, character="Eve"),
        )
    )
    Review.objects.bulk_create(
        Review(
            film=film,
            author=author,
            headline=f"A review of {film.title}, part {part}",
            slug=f"bulk-review-{film.pk}-{part}",
            body="Good.",
            rating=Decimal("4.0"),
            status=Review.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=1),
        )
        for film in films
        for part in (1, 2)
    )
    # Bulk writes send no signals: announce the reviews' films, as bulk writers do.
    changes.record(review_summaries=[film.pk for film in films])


# (url, queries, rows on the page). Lists are paginated, so "count" is one query.
LISTS = [
    # count, films (+collection), countries, languages, genres
    ("/api/v1/films/?page_size=100", 5, 100),
    # ... plus credits (+people) and published reviews
    ("/api/v1/films/?page_size=100&expand=credits,reviews", 7, 100),
    # ... filters are subqueries, except that the country filter looks its country up first
    ("/api/v1/films/?page_size=100&has_review=true&rating_min=1&year_min=2000&country=US", 6, 100),
    # count, people
    ("/api/v1/people/?page_size=100", 2, 100),
    ("/api/v1/people/?page_size=100&role=director&sort=-born", 2, 100),
    # count, reviews (+films)
    ("/api/v1/reviews/?page_size=100", 2, 100),
    ("/api/v1/reviews/?page_size=100&rating_min=1&sort=-rating", 2, 100),
    # count, credits (+films, +people)
    ("/api/v1/credits/?page_size=100", 2, 100),
    # count, genres
    ("/api/v1/genres/?page_size=100", 2, None),
    # count, collections, their films
    ("/api/v1/collections/?page_size=100", 3, 1),
    # count, countries / count, languages
    ("/api/v1/countries/?page_size=100", 2, 100),
    ("/api/v1/languages/?page_size=100", 2, 100),
]


def test_full_pages_run_fixed_queries(
    anon_api, editor_api, hundred_of_everything, django_assert_max_num_queries, subtests
):
    """One data set for every list; each list is its own subtest."""
    for url, queries, rows in LISTS:
        with subtests.test(url):
            with django_assert_max_num_queries(queries):
                response = anon_api.get(url)
            assert response.status_code == 200
            if rows is not None:
                assert len(response.json()["results"]) == rows

    with subtests.test("an editor's reviews"):
        # token (+user), the user's permissions, the group's permissions, count, reviews
        with django_assert_max_num_queries(5):
            response = editor_api.get("/api/v1/reviews/?page_size=100")
        assert len(response.json()["results"]) == 100


def test_search_runs_fixed_queries(anon_api, django_assert_max_num_queries):
    critics = AuthorFactory.create_batch(2)
    for number, film in enumerate(FilmFactory.create_batch(25, title="Ballerina")):
        ReviewFactory(film=film, headline="Ballerina pirouettes", critic=critics[number % 2])
    # core.search: the ranked matches with each group's count (two more if it retries with
    # close spellings), then films, people, reviews (+films), the reviews' critics
    with django_assert_max_num_queries(7):
        response = anon_api.get("/api/v1/search/", {"q": "ballerina"})
    assert len(response.json()["films"]) == 20
    assert len(response.json()["reviews"]) == 20


@pytest.fixture
def big_film():
    """60 credits, genres, countries, a collection, relations both ways and reviews."""
    film = film_with_credits(60, countries=["US", "HU"], collection=CollectionFactory())
    film.genres.add(*GenreFactory.create_batch(2))
    film.relations.create(kind="sequel-of", related_film=FilmFactory())
    FilmFactory().relations.create(kind="prequel-of", related_film=film)
    ReviewFactory.create_batch(3, film=film)
    for credit in film.credits.all()[:30]:
        CreditFactory(person=credit.person)  # filmographies with other films
    return film


def test_details_run_fixed_queries(anon_api, big_film, django_assert_max_num_queries, subtests):
    small = film_with_credits(3)
    for film in (small, big_film):
        with subtests.test(film=film.slug):
            # film (+collection, review summary), countries, languages, genres,
            # credits (+people), release dates, alternative titles, stills, published reviews
            # mentioning it, relations either way (+films)
            with django_assert_max_num_queries(10):
                response = anon_api.get(f"/api/v1/films/{film.slug}/")
            assert len(response.json()["credits"]) == film.credits.count()
            # ... plus published reviews
            with django_assert_max_num_queries(11):
                anon_api.get(f"/api/v1/films/{film.slug}/", {"expand": "reviews"})

    person = big_film.credits.first().person
    review = big_film.reviews.first()
    credit = big_film.credits.first()
    cases = [
        # person, credits (+films), published reviews mentioning them
        (f"/api/v1/people/{person.slug}/", 3),
        # review (+film), mentioned films, mentioned people, films its body names (Title (Year))
        (f"/api/v1/reviews/{review.slug}/", 4),
        # credit (+film, +person)
        (f"/api/v1/credits/{credit.pk}/", 1),
        # collection, its films
        (f"/api/v1/collections/{big_film.collection.slug}/", 2),
        (f"/api/v1/genres/{big_film.genres.first().slug}/", 1),
        ("/api/v1/countries/HU/", 1),
        ("/api/v1/languages/en/", 1),
    ]
    for url, queries in cases:
        with subtests.test(url), django_assert_max_num_queries(queries):
            assert anon_api.get(url).status_code == 200


def test_mentions_are_exposed_and_drafts_never(anon_api):
    mentioned = FilmFactory(title="Hot Fuzz", year=2007)
    person = PersonFactory(name="Norman Reedus")
    public = ReviewFactory(body="Like Hot Fuzz (2007), with Norman Reedus.")
    ReviewFactory(body="A draft about Hot Fuzz (2007).", draft=True)
    review = anon_api.get(f"/api/v1/reviews/{public.slug}/").json()
    assert [film["slug"] for film in review["mentioned_films"]] == [mentioned.slug]
    assert [p["slug"] for p in review["mentioned_people"]] == [person.slug]
    assert 'href="/films/hot-fuzz-2007/"' in review["body_html"]
    film = anon_api.get(f"/api/v1/films/{mentioned.slug}/").json()
    assert [r["slug"] for r in film["mentioned_in"]] == [public.slug]
    assert [
        r["slug"] for r in anon_api.get(f"/api/v1/people/{person.slug}/").json()["mentioned_in"]
    ] == [public.slug]
