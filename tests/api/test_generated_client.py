"""A typed client generated from the served schema with openapi-python-client, used as a consumer
would: a script that filters, pages, expands, searches, creates, patches with If-Match and
deletes. mypy --strict must find no errors in it, and it must run against the live server.

Skips where the tools are not installed (requirements-dev.txt pins them), except under CI=true,
where that is a failure.
"""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import (
    CollectionFactory,
    EditorFactory,
    FilmFactory,
    ReviewFactory,
    film_with_credits,
)

BIN = Path(sys.executable).parent

CONSUMER = """\
import sys
from urllib.parse import parse_qs, urlsplit

from marquee_api_client import AuthenticatedClient, Client
from marquee_api_client.api.films import (
    films_create,
    films_destroy,
    films_list,
    films_partial_update,
    films_retrieve,
)
from marquee_api_client.api.search import search_retrieve
from marquee_api_client.models import (
    Error,
    FilmDetail,
    FilmsListDecade,
    FilmsListExpandItem,
    FilmsListSort,
    FilmsRetrieveExpandItem,
    FilmWriteRequest,
    PaginatedFilmSummaryList,
    PatchedFilmWriteRequest,
    SearchResults,
)
from marquee_api_client.types import UNSET, Unset

base_url, key = sys.argv[1], sys.argv[2]
reader = Client(base_url=base_url, raise_on_unexpected_status=True)
editor = AuthenticatedClient(base_url=base_url, token=key, raise_on_unexpected_status=True)
token_editor = AuthenticatedClient(
    base_url=base_url, token=key, prefix="Token", raise_on_unexpected_status=True
)

# Filters, and both expansions sent as a repeated parameter.
page = films_list.sync(
    client=reader,
    decade=FilmsListDecade.VALUE_2000,
    year_min=2001,
    sort=FilmsListSort.TITLE,
    expand=[FilmsListExpandItem.CREDITS, FilmsListExpandItem.REVIEWS],
)
assert isinstance(page, PaginatedFilmSummaryList), page
amelie = page.results[0]
assert amelie.title == "Amélie" and amelie.collection is None, amelie
assert not isinstance(amelie.credits_, Unset) and not isinstance(amelie.reviews, Unset)
cast: list[str] = [credit.person.name for credit in amelie.credits_]
ratings: list[float | None] = [review.rating for review in amelie.reviews]
runtime: int | None = amelie.runtime_minutes
assert len(cast) == 3 and ratings == [4.5] and runtime is None, (cast, ratings, runtime)

# Every page, two films at a time, by the cursor in each next link.
titles: list[str] = []
collections: list[str] = []
cursor: str | Unset = UNSET
while True:
    listed = films_list.sync(client=reader, cursor=cursor, page_size=2)
    assert isinstance(listed, PaginatedFilmSummaryList), listed
    titles += [film.title for film in listed.results]
    collections += [film.collection.name for film in listed.results if film.collection]
    if listed.next_ is None:
        break
    cursor = parse_qs(urlsplit(listed.next_).query)["cursor"][0]
assert listed.previous is not None and len(titles) == listed.count == 6, titles
second = films_list.sync(client=reader, page=2, page_size=2)
assert isinstance(second, PaginatedFilmSummaryList), second
assert [film.title for film in second.results] == titles[2:4], second

detail = films_retrieve.sync(
    amelie.slug,
    client=reader,
    expand=[FilmsRetrieveExpandItem.CREDITS, FilmsRetrieveExpandItem.REVIEWS],
)
assert isinstance(detail, FilmDetail), detail
average: float | None = detail.review_summary.average_rating
assert average == 4.5 and len(detail.credits_) == 3, detail

found = search_retrieve.sync(client=reader, q="Amélie")
assert isinstance(found, SearchResults) and found.films[0].slug == amelie.slug, found

# Writes: Bearer (the client's default prefix) and Token both authenticate.
created = films_create.sync_detailed(
    client=editor,
    body=FilmWriteRequest(title="Ballerina", year=2025, genres=["action"], countries=["US"]),
)
assert created.status_code == 201 and isinstance(created.parsed, FilmDetail), created.content
slug = created.parsed.slug
read = films_retrieve.sync_detailed(slug, client=reader)
logline = "Raised by the Ruska Roma as a dancer and a killer, a young woman goes after the cult."
patched = films_partial_update.sync_detailed(
    slug,
    client=editor,
    body=PatchedFilmWriteRequest(logline=logline, runtime_minutes=124),
    if_match=read.headers["ETag"],
)
assert isinstance(patched.parsed, FilmDetail), patched.content
assert (patched.parsed.logline, patched.parsed.runtime_minutes) == (logline, 124)
stale = films_partial_update.sync_detailed(
    slug,
    client=editor,
    body=PatchedFilmWriteRequest(runtime_minutes=1),
    if_match=read.headers["ETag"],
)
assert stale.status_code == 412 and isinstance(stale.parsed, Error), stale.content
deleted = films_destroy.sync_detailed(slug, client=token_editor, if_match=patched.headers["ETag"])
assert deleted.status_code == 204, deleted.content
assert films_retrieve.sync_detailed(slug, client=reader).status_code == 404
print("done", slug, len(titles), collections)
"""


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        message = f"{name} is not installed (pip install -r requirements-dev.txt)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {message}")
        pytest.skip(message)
    return path


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}"
    return result


@pytest.fixture
def catalogue(live_api):
    """Six films: Amélie (2001) with three credits and a review, one in a collection."""
    amelie = film_with_credits(3, title="Amélie", year=2001, runtime_minutes=None)
    ReviewFactory(film=amelie, rating="4.5")
    FilmFactory(year=1995)
    FilmFactory(collection=CollectionFactory(name="John Wick"))
    FilmFactory.create_batch(3)


def test_a_generated_client_type_checks_and_runs(live_api, catalogue, tmp_path):
    generator, mypy = tool("openapi-python-client"), tool("mypy")
    with urllib.request.urlopen(f"{live_api.url}/api/schema/?format=json") as answer:
        (tmp_path / "schema.json").write_bytes(answer.read())
    (tmp_path / "config.yml").write_text("post_hooks: []\n")  # no formatter needed
    run(
        [generator, "generate", "--path", "schema.json", "--output-path", "marquee_api_client"]
        + ["--meta", "none", "--config", "config.yml", "--fail-on-warning"],
        cwd=tmp_path,
    )
    (tmp_path / "consumer.py").write_text(CONSUMER)

    # The consumer's own code, strictly; the generated package is only read for its types.
    checked = run(
        [mypy, "--strict", "--follow-imports=silent", "--cache-dir", tmp_path / ".mypy_cache"]
        + ["consumer.py"],
        cwd=tmp_path,
    )
    assert "Success: no issues found" in checked.stdout

    key = Token.objects.create(user=EditorFactory(username="client-editor")).key
    ran = run([sys.executable, "consumer.py", live_api.url, key], cwd=tmp_path)
    assert ran.stdout.startswith("done ballerina-2025 6 ['John Wick']")
