"""What each endpoint returns: compact lists, full details, expansions, search, the root and
conditional GETs."""

import pytest
from reversion.models import Version

from films.models import Credit, Still
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

SITE = "http://127.0.0.1:8000"  # settings.SITE_URL by default
API = "http://testserver/api/v1"


@pytest.fixture
def ballerina():
    film = FilmFactory(
        title="Ballerina",
        year=2025,
        runtime_minutes=124,
        countries=["US", "HU"],
        languages=["en", "ru"],
        collection=CollectionFactory(name="John Wick", slug="john-wick"),
        collection_order=5,
        imdb_id="tt7181546",
    )
    film.genres.add(GenreFactory(name="Action"), GenreFactory(name="Thriller"))
    director = PersonFactory(name="Len Wiseman")
    CreditFactory(film=film, person=director, role="director", character="", order=1)
    CreditFactory(
        film=film,
        person=PersonFactory(name="Ana de Armas"),
        character="Eve Macarro",
        order=1,
        note="top billed",
    )
    earlier = FilmFactory(title="John Wick: Chapter 3", year=2019)
    film.relations.create(kind="set-between", related_film=earlier)
    FilmFactory(title="Later").relations.create(kind="sequel-of", related_film=film)
    ReviewFactory(film=film, rating="4.0", headline="Pirouettes")
    ReviewFactory(film=film, rating="3.5")
    return film


def test_root_lists_the_endpoints(anon_api):
    response = anon_api.get("/api/v1/")
    assert response.status_code == 200
    assert set(response.json()) == {
        "films", "people", "reviews", "lists", "authors", "credits", "genres", "collections",
        "countries", "languages", "search", "changes",
    }  # fmt: skip
    assert response.json()["films"] == f"{API}/films/"


def test_api_prefix_redirects_to_the_current_version(anon_api):
    response = anon_api.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/"


def test_film_list_rows_are_compact(anon_api, ballerina):
    response = anon_api.get("/api/v1/films/", {"q": "ballerina"})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert set(row) == {
        "id", "slug", "url", "site_url", "title", "original_title", "year", "release_date",
        "logline", "runtime_minutes", "genres", "countries", "languages", "collection",
        "poster", "poster_generated", "review_summary", "updated_at",
    }  # fmt: skip
    assert row["id"] == ballerina.pk
    assert (row["poster"], row["poster_generated"]) == (
        f"{SITE}/films/ballerina-2025/poster.png",
        True,
    )
    assert row["url"] == f"{API}/films/ballerina-2025/"
    assert row["site_url"] == f"{SITE}/films/ballerina-2025/"
    # Genres, countries and languages: a code or slug and a name; their links are on details.
    assert row["countries"] == [
        {"code": "US", "name": "United States"},
        {"code": "HU", "name": "Hungary"},
    ]
    assert [language["code"] for language in row["languages"]] == ["en", "ru"]
    assert row["genres"] == [
        {"slug": "action", "name": "Action"},
        {"slug": "thriller", "name": "Thriller"},
    ]
    detail = anon_api.get(row["url"]).json()
    assert detail["genres"][0]["site_url"] == f"{SITE}/films/?genre=action"
    assert row["collection"]["slug"] == "john-wick"
    assert row["review_summary"] == {"count": 2, "average_rating": 3.75}


def test_film_list_expands_credits_and_reviews(anon_api, ballerina):
    rows = anon_api.get("/api/v1/films/", {"q": "ballerina", "expand": "credits,reviews"})
    [row] = rows.json()["results"]
    assert [credit["person"]["name"] for credit in row["credits"]] == [
        "Len Wiseman",
        "Ana de Armas",
    ]
    assert {review["rating"] for review in row["reviews"]} == {4.0, 3.5}
    only_reviews = anon_api.get("/api/v1/films/", {"q": "ballerina", "expand": "reviews"})
    assert "credits" not in only_reviews.json()["results"][0]


def test_unknown_expansion_is_a_400(anon_api, ballerina):
    response = anon_api.get("/api/v1/films/", {"expand": "credits,secrets"})
    assert response.status_code == 400
    assert "Cannot expand secrets" in response.json()["error"]["fields"]["expand"][0]


def test_film_detail_has_every_fact(anon_api, ballerina):
    response = anon_api.get("/api/v1/films/ballerina-2025/")
    assert response.status_code == 200
    film = response.json()
    assert film["fact_line"] == (
        "USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH • RUSSIAN"
    )
    assert film["runtime_minutes"] == 124
    assert film["aspect_ratio"] == "2.39:1"
    assert film["colour"] == "colour"
    assert film["imdb_id"] == "tt7181546"
    assert film["collection_order"] == 5
    assert film["countries"][1] == {
        "code": "HU",
        "name": "Hungary",
        "short_name": "Hungary",
        "former": False,
        "url": f"{API}/countries/HU/",
        "site_url": f"{SITE}/films/?country=HU",
    }
    ana = film["credits"][1]
    assert ana["person"]["slug"] == "ana-de-armas"
    assert ana["person"]["site_url"] == f"{SITE}/people/ana-de-armas/"
    assert (ana["role"], ana["character"], ana["order"], ana["note"]) == (
        "cast", "Eve Macarro", 1, "top billed",
    )  # fmt: skip
    assert film["relations"][0]["kind"] == "set-between"
    assert film["relations"][0]["film"]["slug"] == "john-wick-chapter-3-2019"
    assert film["inverse_relations"][0]["kind"] == "sequel-of"
    assert film["inverse_relations"][0]["film"]["title"] == "Later"
    assert film["review_summary"] == {"count": 2, "average_rating": 3.75}
    assert "reviews" not in film
    expanded = anon_api.get("/api/v1/films/ballerina-2025/", {"expand": "reviews"}).json()
    assert len(expanded["reviews"]) == 2


def test_film_without_reviews_has_an_empty_summary(anon_api):
    film = FilmFactory()
    summary = anon_api.get(f"/api/v1/films/{film.slug}/").json()["review_summary"]
    assert summary == {"count": 0, "average_rating": None}


def test_person_detail_has_the_filmography_newest_first(anon_api):
    person = PersonFactory(name="Keanu Reeves", birth_date="1964-09-02")
    CreditFactory(person=person, film=FilmFactory(title="John Wick", year=2014), character="John")
    CreditFactory(person=person, film=FilmFactory(title="Ballerina", year=2025), character="John")
    response = anon_api.get("/api/v1/people/keanu-reeves/")
    assert response.status_code == 200
    person_data = response.json()
    assert person_data["birth_date"] == "1964-09-02"
    assert person_data["site_url"] == f"{SITE}/people/keanu-reeves/"
    assert [credit["film"]["title"] for credit in person_data["filmography"]] == [
        "Ballerina",
        "John Wick",
    ]
    assert person_data["filmography"][0]["character"] == "John"
    row = anon_api.get("/api/v1/people/").json()["results"][0]
    assert "filmography" not in row
    assert row["name"] == "Keanu Reeves"


def test_review_detail_has_markdown_and_sanitised_html(anon_api):
    review = ReviewFactory(
        headline="Hot Fuzz is a hoot",
        body="Has **swans**.\n\n<script>alert(1)</script>",
        rating="4.5",
        byline="Nora Castellan",
    )
    response = anon_api.get(f"/api/v1/reviews/{review.slug}/")
    assert response.status_code == 200
    data = response.json()
    assert data["body"] == review.body
    assert "<strong>swans</strong>" in data["body_html"]
    assert "<script" not in data["body_html"]
    assert data["rating"] == 4.5
    assert data["byline"] == "Nora Castellan"
    assert data["film"]["slug"] == review.film.slug
    assert data["site_url"] == f"{SITE}/reviews/hot-fuzz-is-a-hoot/"
    row = anon_api.get("/api/v1/reviews/").json()["results"][0]
    assert "body" not in row
    assert "body_html" not in row


def test_credit_detail(anon_api):
    credit = CreditFactory(role=Credit.Role.CAST, character="Eve")
    data = anon_api.get(f"/api/v1/credits/{credit.pk}/").json()
    assert data == {
        "id": credit.pk,
        "url": f"{API}/credits/{credit.pk}/",
        "film": credit.film.slug,
        "person": credit.person.slug,
        "credited_as": "",
        "role": "cast",
        "character": "Eve",
        "order": credit.order,
        "note": "",
    }


def test_reference_data(anon_api):
    genre = GenreFactory(name="Film Noir", slug="film-noir")
    assert anon_api.get("/api/v1/genres/film-noir/").json() == {
        "id": genre.pk,
        "slug": "film-noir",
        "name": "Film Noir",
        "url": f"{API}/genres/film-noir/",
        "site_url": f"{SITE}/films/?genre=film-noir",
    }
    assert anon_api.get("/api/v1/countries/GB/").json()["short_name"] == "UK"
    assert anon_api.get("/api/v1/languages/ja/").json()["name"] == "Japanese"
    assert anon_api.get("/api/v1/countries/").json()["count"] > 200


def test_collection_lists_its_films_in_order(anon_api):
    collection = CollectionFactory(name="John Wick", slug="john-wick")
    FilmFactory(title="Chapter 2", year=2017, collection=collection, collection_order=2)
    FilmFactory(title="John Wick", year=2014, collection=collection, collection_order=1)
    data = anon_api.get("/api/v1/collections/john-wick/").json()
    assert data["id"] == collection.pk
    assert [(film["title"], film["collection_order"]) for film in data["films"]] == [
        ("John Wick", 1),
        ("Chapter 2", 2),
    ]


def test_search_uses_the_site_search(anon_api):
    film = FilmFactory(title="Ballerina", year=2025)
    PersonFactory(name="Ana de Armas")
    ReviewFactory(film=film, headline="Ballerina pirouettes")
    data = anon_api.get("/api/v1/search/", {"q": "  ballerina "}).json()
    assert data["query"] == "ballerina"
    assert [found["slug"] for found in data["films"]] == ["ballerina-2025"]
    assert [found["headline"] for found in data["reviews"]] == ["Ballerina pirouettes"]
    assert data["people"] == []
    assert anon_api.get("/api/v1/search/", {"q": "de armas"}).json()["people"][0]["name"] == (
        "Ana de Armas"
    )


# A NUL is a 400 before search sees it (tests/test_bad_requests.py).
@pytest.mark.parametrize("query", ["", "   ", "x" * 1000, "!!!", "🎬", "%_%"])
def test_search_takes_any_input(anon_api, query):
    FilmFactory(title="Ballerina")
    assert anon_api.get("/api/v1/search/", {"q": query}).status_code == 200


def details():
    """One object of each kind, with its detail path and a way to change it."""
    film = film_with_credits(3)
    credit = film.credits.first()
    review = ReviewFactory(film=film)
    genre = GenreFactory()
    collection = CollectionFactory()
    return {
        "film": (f"films/{film.slug}/", lambda: CreditFactory(film=film)),
        "person": (f"people/{credit.person.slug}/", lambda: CreditFactory(person=credit.person)),
        "review": (f"reviews/{review.slug}/", lambda: _touch(review, "body")),
        "credit": (f"credits/{credit.pk}/", lambda: _touch(credit, "note")),
        "genre": (f"genres/{genre.slug}/", lambda: _touch(genre, "name")),
        "collection": (
            f"collections/{collection.slug}/",
            lambda: FilmFactory(collection=collection),
        ),
        "country": ("countries/US/", None),
        "language": ("languages/en/", None),
    }


def _touch(obj, field):
    setattr(obj, field, getattr(obj, field) + " (changed)")
    obj.save()


@pytest.mark.parametrize(
    "kind", ["film", "person", "review", "credit", "genre", "collection", "country", "language"]
)
def test_details_answer_if_none_match_with_304(anon_api, kind):
    path, change = details()[kind]
    first = anon_api.get(f"/api/v1/{path}")
    etag = first["ETag"]
    assert etag.startswith('"')  # strong: If-Match compares strongly (RFC 9110)

    again = anon_api.get(f"/api/v1/{path}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert anon_api.get(f"/api/v1/{path}", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200

    if change:
        change()  # a change to the object or to what its detail shows makes a new ETag
        changed = anon_api.get(f"/api/v1/{path}", HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200
        assert changed["ETag"] != etag


def test_film_etag_follows_its_reviews(anon_api):
    film = FilmFactory()
    etag = anon_api.get(f"/api/v1/films/{film.slug}/")["ETag"]
    ReviewFactory(film=film)
    assert anon_api.get(f"/api/v1/films/{film.slug}/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_detail_is_found_by_its_slug_whatever_the_list_filters_say(anon_api, ballerina):
    # Filters narrow lists; on a detail they are not even parsed (api/views.py FilterListsMixin).
    response = anon_api.get("/api/v1/films/ballerina-2025/", {"year": 1999, "decade": "oops"})
    assert response.status_code == 200
    assert response.json()["slug"] == "ballerina-2025"


def test_each_serializer_gets_fields_of_its_own():
    # Fields are built once per class (api/serializers.py ModelSerializer) and copied: one
    # serializer dropping an unexpanded field, or binding its fields, leaves the next alone.
    from api.serializers import FilmSummarySerializer

    unexpanded = FilmSummarySerializer(context={"expand": frozenset()})
    expanded = FilmSummarySerializer(context={"expand": frozenset({"credits"})})
    assert "credits" not in unexpanded.fields
    assert "credits" in expanded.fields
    assert expanded.fields["title"] is not unexpanded.fields["title"]
    assert expanded.fields["title"].parent is expanded


def test_a_write_through_the_api_is_a_version_by_its_editor(editor_api):
    person = PersonFactory(name="Keanu Reeves")
    url = f"/api/v1/people/{person.slug}/"
    response = editor_api.patch(url, {"also_known_as": ["K. Reeves"]}, format="json")
    assert response.status_code == 200
    (version,) = Version.objects.get_for_object(person)
    assert version.revision.user.username == "editor"
    assert version.revision.comment == "Changed via the API."
    assert version.field_dict["other_names"] == "K. Reeves"


def test_a_still_added_through_the_api_is_in_a_version_of_its_film(editor_api):
    film = FilmFactory(slug="la-haine")
    added = editor_api.post(
        "/api/v1/films/la-haine/stills/",
        {"image": upload(width=800, height=450), "caption": "Saïd on the roof"},
        format="multipart",
    )
    assert added.status_code == 201, added.content
    (version,) = Version.objects.get_for_object(film)
    assert version.revision.comment == "Added a still via the API."
    held = version.revision.version_set.get_for_model(Still)
    assert [still.object_repr for still in held] == ["Saïd on the roof"]
