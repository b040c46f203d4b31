"""HTTP for API clients: lists revalidate with ETags like details, JSON is gzipped, and
browser apps on the origins we name may read."""

import gzip
import json

import pytest
from django.test import override_settings

from tests.factories import FilmFactory, PersonFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/films/", "/api/v1/films/amelie-2001/"])
def test_lists_and_details_answer_304_to_their_etag(anon_api, path):
    FilmFactory(title="Amélie", year=2001, slug="amelie-2001")
    first = anon_api.get(path)
    assert first["Cache-Control"] == "public, max-age=60"
    again = anon_api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"] and again.content == b""
    FilmFactory()  # any change: the list's content, so its ETag, moves on
    if path.endswith("films/"):
        assert anon_api.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_signed_in_clients_answers_are_theirs_alone(editor_api):
    response = editor_api.get("/api/v1/films/")
    assert response["Cache-Control"] == "private, no-cache"
    assert "Authorization" in response["Vary"]


def test_json_is_gzipped_for_clients_that_accept_it(anon_api, client):
    FilmFactory.create_batch(20)
    plain = anon_api.get("/api/v1/films/")
    zipped = anon_api.get("/api/v1/films/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
    assert len(zipped.content) * 4 < len(plain.content)
    page = client.get("/films/", HTTP_ACCEPT_ENCODING="gzip")
    assert not page.has_header("Content-Encoding")  # HTML holds CSRF tokens: BREACH


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
def test_named_origins_may_read_from_the_browser(anon_api):
    read = anon_api.get("/api/v1/films/", HTTP_ORIGIN="https://app.example.org")
    assert read["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "ETag" in read["Access-Control-Expose-Headers"]
    preflight = anon_api.options(
        "/api/v1/films/",
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, if-match",
    )
    assert "PATCH" not in preflight.get("Access-Control-Allow-Methods", "")  # reads only
    other = anon_api.get("/api/v1/films/", HTTP_ORIGIN="https://evil.example")
    assert not other.has_header("Access-Control-Allow-Origin")
    page = anon_api.get("/films/", HTTP_ORIGIN="https://app.example.org")
    assert not page.has_header("Access-Control-Allow-Origin")  # the API only


def test_a_detail_by_id_imdb_or_wikidata_id_redirects_to_its_slug(anon_api):
    film = FilmFactory(title="Amélie", year=2001, imdb_id="tt0211915", wikidata_id="Q484048")
    person = PersonFactory(name="Audrey Tautou", imdb_id="nm0851582")
    for asked in (str(film.pk), "tt0211915", "Q484048"):
        response = anon_api.get(f"/api/v1/films/{asked}/", {"expand": "reviews"})
        assert response.status_code == 301, asked
        assert response["Location"].endswith("/api/v1/films/amelie-2001/?expand=reviews")
    for asked in (str(person.pk), "nm0851582"):
        response = anon_api.get(f"/api/v1/people/{asked}/")
        assert response["Location"].endswith("/api/v1/people/audrey-tautou/")
    assert anon_api.get("/api/v1/films/tt9999999/").status_code == 404
    assert anon_api.get("/api/v1/films/99999/").status_code == 404


@pytest.mark.parametrize("kind", ["reviews", "lists", "credits", "genres"])
def test_an_id_of_another_site_is_a_404_where_objects_have_none(anon_api, kind):
    assert anon_api.get(f"/api/v1/{kind}/Q42/").status_code == 404
    assert anon_api.get(f"/api/v1/{kind}/tt0211915/").status_code == 404


def test_a_draft_is_not_found_by_its_id_either(anon_api, editor_api):
    draft = ReviewFactory(draft=True, headline="Secret")
    response = anon_api.get(f"/api/v1/reviews/{draft.pk}/")
    assert response.status_code == 404
    assert "secret" not in response.get("Location", "")
    assert editor_api.get(f"/api/v1/reviews/{draft.pk}/").status_code == 301


def test_several_at_once_by_slug_or_id(anon_api):
    films = FilmFactory.create_batch(5)
    wanted = [films[0].slug, films[3].slug]
    rows = anon_api.get("/api/v1/films/", {"slug__in": ",".join(wanted)}).json()["results"]
    assert sorted(row["slug"] for row in rows) == sorted(wanted)
    ids = f"{films[1].pk},{films[2].pk}"
    rows = anon_api.get("/api/v1/films/", {"id__in": ids}).json()["results"]
    assert sorted(row["id"] for row in rows) == [films[1].pk, films[2].pk]
    too_many = ",".join(str(n) for n in range(101))
    response = anon_api.get("/api/v1/people/", {"id__in": too_many})
    assert response.status_code == 400
    assert "id__in" in response.json()["error"]["fields"]
    for bad in ("1,x", "99999999999999999999", "-1"):
        assert anon_api.get("/api/v1/films/", {"id__in": bad}).status_code == 400, bad


def test_a_plain_token_reads_the_anonymous_copy(
    anon_api, user_api, editor_api, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 60
    FilmFactory.create_batch(3)
    ReviewFactory(draft=True, headline="Secret draft")
    anonymous = anon_api.get("/api/v1/reviews/")
    # the token and the reader's permissions; the list itself comes from the cache
    with django_assert_max_num_queries(3):
        plain = user_api.get("/api/v1/reviews/")
    assert plain.content == anonymous.content
    assert plain["Cache-Control"] == "private, no-cache"
    assert "Secret draft" in editor_api.get("/api/v1/reviews/").content.decode()
    assert "Secret draft" not in user_api.get("/api/v1/reviews/").content.decode()


def test_a_gzipped_answers_etag_still_makes_a_write_conditional(anon_api, editor_api):
    FilmFactory(slug="amelie-2001", title="Amélie", year=2001)
    read = anon_api.get("/api/v1/films/amelie-2001/", HTTP_ACCEPT_ENCODING="gzip")
    assert read["ETag"].endswith('-gzip"') and not read["ETag"].startswith("W/")
    again = anon_api.get(
        "/api/v1/films/amelie-2001/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=read["ETag"]
    )
    assert again.status_code == 304
    write = editor_api.patch(
        "/api/v1/films/amelie-2001/",
        {"runtime_minutes": 122},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    assert write.status_code == 200, write.content
    stale = editor_api.patch(
        "/api/v1/films/amelie-2001/",
        {"runtime_minutes": 1},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    assert stale.status_code == 412
