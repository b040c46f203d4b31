"""The schema as a contract a generated client can trust: what a response always holds is
required, null is allowed exactly where it comes, every enum and limit is declared, expand is an
array, the token scheme is declared (Bearer works too), and the examples keep to the schema."""

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from rest_framework.authtoken.models import Token

from api import examples
from api.serializers import MAX_LIST_ITEMS
from tests.factories import (
    CollectionFactory,
    EditorFactory,
    FilmFactory,
    ReviewFactory,
    film_with_credits,
)

pytestmark = pytest.mark.django_db

DOCUMENT = "urn:marquee:schema"


@pytest.fixture
def schema(anon_api):
    return anon_api.get("/api/schema/", {"format": "json"}).json()


def validator(schema: dict, component: str) -> Draft202012Validator:
    """A strict JSON Schema (2020-12, OpenAPI 3.1's dialect) validator for one component."""
    resource = Resource.from_contents(schema, default_specification=DRAFT202012)
    registry = Registry().with_resource(DOCUMENT, resource)
    reference = {"$ref": f"{DOCUMENT}#/components/schemas/{component}"}
    return Draft202012Validator(reference, registry=registry)


def assert_valid(schema: dict, component: str, instance) -> None:
    errors = [error.message for error in validator(schema, component).iter_errors(instance)]
    assert errors == [], f"{component}: {errors}"


def parameter(schema: dict, path: str, name: str, method: str = "get") -> dict:
    (found,) = [p for p in schema["paths"][path][method]["parameters"] if p["name"] == name]
    return found


# Required and nullable -----------------------------------------------------------------------


def test_the_schema_is_openapi_3_1(schema):
    assert schema["openapi"].startswith("3.1")


def test_every_field_of_a_response_is_required_but_the_expandable_ones(schema):
    components = schema["components"]["schemas"]
    optional = {"FilmSummary": {"credits", "reviews"}, "FilmDetail": {"reviews"}}
    responses = [
        name
        for name, component in components.items()
        if "properties" in component and not name.endswith("Request") and name != "Error"
    ]
    assert {"FilmSummary", "FilmDetail", "Person", "ReviewSummary", "Genre"} <= set(responses)
    for name in responses:
        properties = set(components[name]["properties"])
        assert properties - set(components[name].get("required", [])) == optional.get(
            name, set()
        ), name


def test_fields_that_can_be_null_say_so(schema):
    film = schema["components"]["schemas"]["FilmSummary"]["properties"]
    assert film["runtime_minutes"]["type"] == ["integer", "null"]
    assert film["logline"]["type"] == "string"
    assert film["collection"]["oneOf"] == [
        {"$ref": "#/components/schemas/CollectionRef"},
        {"type": "null"},
    ]
    page = schema["components"]["schemas"]["PaginatedFilmSummaryList"]
    assert page["required"] == ["count", "next", "previous", "results"]
    for link in ("next", "previous"):
        assert page["properties"][link]["type"] == ["string", "null"]
        assert "api.example.org" not in str(page["properties"][link])


def test_real_answers_validate_strictly(schema, anon_api):
    """Null collections, null ratings, and a page link that is null: the answers as served
    against a strict validator, not just schemathesis's lenient reading of the schema."""
    film_with_credits(2, collection=CollectionFactory())
    alone = FilmFactory(runtime_minutes=None)
    ReviewFactory(film=alone, rating=None)
    films = anon_api.get("/api/v1/films/", {"expand": "credits,reviews"}).json()
    assert [row["collection"] is None for row in films["results"]].count(True) == 1
    assert films["next"] is None and films["previous"] is None
    assert_valid(schema, "PaginatedFilmSummaryList", films)
    assert_valid(schema, "FilmDetail", anon_api.get(f"/api/v1/films/{alone.slug}/").json())
    assert_valid(schema, "PaginatedReviewSummaryList", anon_api.get("/api/v1/reviews/").json())


# Enums and limits ----------------------------------------------------------------------------


def test_decades_are_enumerated_and_all_of_them_work(schema, anon_api):
    decade = parameter(schema, "/api/v1/films/", "decade")["schema"]
    assert decade["enum"] == list(range(1870, 2101, 10))
    FilmFactory(year=2100)
    assert anon_api.get("/api/v1/films/", {"decade": 2100}).json()["count"] == 1
    assert anon_api.get("/api/v1/films/", {"decade": 1870}).json()["count"] == 0
    assert anon_api.get("/api/v1/films/", {"decade": 1860}).status_code == 400


def test_limits_are_declared(schema):
    films, reviews = "/api/v1/films/", "/api/v1/reviews/"
    for name in ("year", "year_min", "year_max"):
        bounds = parameter(schema, films, name)["schema"]
        assert (bounds["minimum"], bounds["maximum"]) == (1870, 2100)
    for path in (films, reviews):
        rating = parameter(schema, path, "rating_min")["schema"]
        assert (rating["minimum"], rating["maximum"]) == (0.5, 5)
        assert parameter(schema, path, "page")["schema"]["minimum"] == 1
        page_size = parameter(schema, path, "page_size")["schema"]
        assert (page_size["minimum"], page_size["maximum"]) == (1, 100)
    components = schema["components"]["schemas"]
    average = components["ReviewStats"]["properties"]["average_rating"]
    assert (average["minimum"], average["maximum"], average["type"]) == (0.5, 5, ["number", "null"])
    for name in ("ReviewSummary", "ReviewWriteRequest", "PatchedReviewWriteRequest"):
        rating = components[name]["properties"]["rating"]
        assert (rating["minimum"], rating["maximum"], rating["multipleOf"]) == (0.5, 5, 0.5)
    for name in ("genres", "countries", "languages"):
        assert components["FilmWriteRequest"]["properties"][name]["maxItems"] == MAX_LIST_ITEMS
    assert components["PersonRequest"]["properties"]["also_known_as"]["maxItems"] == MAX_LIST_ITEMS


# Expand --------------------------------------------------------------------------------------


def test_expand_is_an_array_sent_by_repeating_it(schema):
    for path in ("/api/v1/films/", "/api/v1/films/{slug}/"):
        expand = parameter(schema, path, "expand")
        assert (expand["style"], expand["explode"]) == ("form", True)
        assert expand["schema"]["items"]["enum"] == ["credits", "reviews"]


@pytest.mark.parametrize(
    "query", ["expand=credits,reviews", "expand=credits&expand=reviews", "expand=reviews,credits"]
)
def test_repeated_and_comma_separated_expand_are_the_same(anon_api, query):
    ReviewFactory(film=film_with_credits(2))
    row = anon_api.get(f"/api/v1/films/?{query}").json()["results"][0]
    assert len(row["credits"]) == 2
    assert len(row["reviews"]) == 1


def test_the_detail_accepts_credits_which_it_always_has(anon_api):
    film = film_with_credits(2)
    plain = anon_api.get(f"/api/v1/films/{film.slug}/").json()
    expanded = anon_api.get(f"/api/v1/films/{film.slug}/?expand=credits").json()
    assert expanded == plain
    assert len(plain["credits"]) == 2
    both = anon_api.get(f"/api/v1/films/{film.slug}/?expand=credits&expand=reviews").json()
    assert both["reviews"] == []
    wrong = anon_api.get(f"/api/v1/films/{film.slug}/?expand=credits&expand=stills")
    assert wrong.status_code == 400
    assert "stills" in wrong.json()["error"]["fields"]["expand"][0]


# Authentication ------------------------------------------------------------------------------


def test_the_token_scheme_is_declared(schema):
    schemes = schema["components"]["securitySchemes"]
    token = schemes["tokenAuth"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    assert "Token <key>" in schemes["tokenAuth"]["description"]
    assert (schemes["bearerAuth"]["type"], schemes["bearerAuth"]["scheme"]) == ("http", "bearer")
    create = schema["paths"]["/api/v1/films/"]["post"]
    assert {"tokenAuth": []} in create["security"] and {"bearerAuth": []} in create["security"]
    # Reads take the document's requirement, which allows none.
    assert "security" not in schema["paths"]["/api/v1/films/"]["get"]
    assert {} in schema["security"]


def test_a_bearer_token_writes(anon_api):
    key = Token.objects.create(user=EditorFactory(username="bearer-editor")).key
    anon_api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = anon_api.post(
        "/api/v1/genres/", {"name": "Mumblecore", "slug": "mumblecore"}, format="json"
    )
    assert response.status_code == 201


def test_a_bad_bearer_token_is_a_401_in_the_error_shape(anon_api):
    anon_api.credentials(HTTP_AUTHORIZATION="Bearer " + "0" * 40)
    response = anon_api.post("/api/v1/genres/", {"name": "Noir"}, format="json")
    assert response.status_code == 401
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (401, "authentication_failed")


def test_bad_bearer_tokens_are_throttled_like_anonymous_requests(anon_api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "100/minute"},
    }
    anon_api.credentials(HTTP_AUTHORIZATION="Bearer " + "0" * 40)
    statuses = [anon_api.get("/api/v1/genres/").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]


# Examples ------------------------------------------------------------------------------------


def test_every_example_keeps_to_its_schema(schema):
    checked = 0
    for operations in schema["paths"].values():
        for operation in operations.values():
            bodies = [operation.get("requestBody", {})]
            bodies += operation["responses"].values()
            for body in bodies:
                media = body.get("content", {}).get("application/json", {})
                if "examples" not in media:
                    continue
                component = media["schema"]["$ref"].rsplit("/", 1)[1]
                for example in media["examples"].values():
                    assert_valid(schema, component, example["value"])
                    checked += 1
    assert checked == 9  # film list, detail, create and patch; person, reviews, search


def test_the_examples_are_real_films(schema):
    assert examples.FILM_DETAIL["slug"] == "amelie-2001"
    films = schema["paths"]["/api/v1/films/"]["get"]["responses"]["200"]
    page = films["content"]["application/json"]["examples"]["Films"]["value"]
    assert page["results"][0]["title"] == "Amélie"
    assert page["next"].startswith("https://marquee.example/api/v1/films/?cursor=")
    reviews = schema["paths"]["/api/v1/reviews/"]["get"]["responses"]["200"]
    page = reviews["content"]["application/json"]["examples"]["Reviews"]["value"]
    assert page["next"].startswith("https://marquee.example/api/v1/reviews/?cursor=")
