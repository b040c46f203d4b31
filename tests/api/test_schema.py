"""The OpenAPI schema: generated without warnings, served with its docs (no CDN), and kept to by
the live API under requests that schemathesis generates from it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import (
    AuthorFactory,
    CollectionFactory,
    FilmFactory,
    FilmListFactory,
    GenreFactory,
    ReviewFactory,
    film_with_credits,
)
from tests.images import upload

ROOT = Path(__file__).resolve().parents[2]


def test_schema_generates_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn"]
        + ["--file", os.devnull],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_schema_is_served_and_documents_the_api(anon_api):
    response = anon_api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/films/{slug}/" in schema["paths"]
    assert "/api/v1/search/" in schema["paths"]
    assert "Error" in schema["components"]["schemas"]
    films = schema["paths"]["/api/v1/films/"]["get"]
    parameters = {parameter["name"] for parameter in films["parameters"]}
    assert {
        "year", "year_min", "year_max", "genre", "country", "language", "person", "director",
        "cast", "has_review", "rating_min", "sort", "expand", "page", "page_size",
    } <= parameters  # fmt: skip
    assert films["responses"]["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert anon_api.get("/api/schema/").status_code == 200  # YAML by default


@pytest.mark.django_db
def test_docs_are_served_without_a_cdn_or_inline_scripts(anon_api):
    response = anon_api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    bundle = "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
    assert f'src="/static/{bundle}"' in html
    assert "//cdn" not in html
    assert 'src="http' not in html
    assert finders.find(bundle), "the sidecar package ships Swagger UI"
    # Every script is a file from this site, as the Content-Security-Policy requires.
    assert html.count("<script") == html.count("<script src=") == 3
    start_up = anon_api.get("/api/docs/", {"script": ""})
    assert start_up.status_code == 200
    assert start_up["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in start_up.content.decode()


# Schemathesis ----------------------------------------------------------------------------------

# Generated requests, anonymous and as an editor, run in tests/api/test_schemathesis.py. Here
# every read of a real object, once per operation, against the same checks.
CHECK_FUNCTIONS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def catalogue(live_api):
    """Some of everything, so lists and details have rows to serialise. Returns the path
    parameters of one object of each kind."""
    film = film_with_credits(4, collection=CollectionFactory())
    film.genres.add(GenreFactory(name="Action"))
    film.relations.create(kind="sequel-of", related_film=FilmFactory())
    FilmFactory().relations.create(kind="prequel-of", related_film=film)
    critic = AuthorFactory(headshot=upload("critic.jpg", width=400, height=500))
    review = ReviewFactory(film=film, critic=critic)
    ReviewFactory(film=film, draft=True)
    film_list = FilmListFactory(films=[film, FilmFactory()], critic=critic)
    credit = film.credits.first()
    return {
        "films": {"slug": film.slug},
        "people": {"slug": credit.person.slug},
        "reviews": {"slug": review.slug},
        "lists": {"slug": film_list.slug},
        "credits": {"id": credit.pk},
        "genres": {"slug": "action"},
        "collections": {"slug": film.collection.slug},
        "countries": {"code": "US"},
        "languages": {"code": "en"},
        "authors": {"slug": critic.slug},
    }


def test_every_read_of_real_data_keeps_to_the_schema(live_api, catalogue, subtests):
    """Generated identifiers rarely hit a real object; these do, once per GET operation."""
    schema = schemathesis.openapi.from_url(f"{live_api.url}/api/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    reads = [operation for operation in operations if operation.method.upper() == "GET"]
    assert len(reads) == 22
    for operation in reads:
        resource = operation.path.split("/")[3]
        path_parameters = catalogue[resource] if "{" in operation.path else {}
        queries = [{}]
        if resource == "films":
            queries.append({"expand": "credits,reviews"})
        if resource == "changes":
            queries.append({"since": "latest"})
        for query in queries:
            with subtests.test(operation.label, **query):
                case = operation.Case(path_parameters=path_parameters, query=query)
                response = case.call_and_validate(base_url=live_api.url, checks=CHECK_FUNCTIONS)
                assert response.status_code == 200
