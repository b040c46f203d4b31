"""/api/v1/lists/: curated lists for readers (published ones) and editors (drafts too, and
token writes of a list and its films in order), in the change feed like reviews."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lists.models import FilmList
from tests.api.test_changes import follow, latest
from tests.factories import FilmFactory, FilmListFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    return [FilmFactory(title=title, year=year) for title, year in
            [("Yi Yi", 2000), ("A Brighter Summer Day", 1991), ("Taipei Story", 1985)]]  # fmt: skip


def test_readers_see_published_lists_with_their_films_in_order(anon_api, films):
    FilmListFactory(title="Where to start with Edward Yang", films=films)
    FilmListFactory(title="A draft", draft=True)
    rows = anon_api.get("/api/v1/lists/").json()["results"]
    assert [(row["title"], row["film_count"]) for row in rows] == [
        ("Where to start with Edward Yang", 3)
    ]
    detail = anon_api.get(rows[0]["url"]).json()
    assert [entry["film"]["title"] for entry in detail["entries"]] == [
        "Yi Yi", "A Brighter Summer Day", "Taipei Story"
    ]  # fmt: skip
    assert [entry["position"] for entry in detail["entries"]] == [1, 2, 3]
    assert detail["introduction_html"] == "<p>Some films <em>reward</em> a return visit.</p>"
    assert anon_api.get("/api/v1/lists/a-draft/").status_code == 404


def test_editors_see_drafts(editor_api):
    FilmListFactory(title="A draft", draft=True)
    assert [row["status"] for row in editor_api.get("/api/v1/lists/").json()["results"]] == [
        "draft"
    ]


def test_lists_with_a_film(anon_api, films):
    FilmListFactory(title="Edward Yang", films=films)
    FilmListFactory(title="Other", films=[FilmFactory()])
    rows = anon_api.get("/api/v1/lists/", {"film": films[1].slug}).json()["results"]
    assert [row["title"] for row in rows] == ["Edward Yang"]


def test_reads_cost_the_same_whatever_the_size(anon_api):
    for size in (1, 8):
        FilmListFactory(films=FilmFactory.create_batch(size))
    counts = []
    for url in ("/api/v1/lists/", f"/api/v1/lists/{FilmList.objects.first().slug}/"):
        with CaptureQueriesContext(connection) as queries:
            assert anon_api.get(url).status_code == 200
        counts.append(len(queries))
    assert counts == [2, 2]  # count + page; the list + its entries and films


def test_an_editor_writes_a_list_and_its_films_in_the_order_sent(editor_api, editor, films):
    response = editor_api.post(
        "/api/v1/lists/",
        {
            "title": "Where to start with Edward Yang",
            "introduction": "Three films about Taipei.",
            "status": "published",
            "entries": [{"film": films[2].slug, "blurb": "The first."}, {"film": films[0].slug}],
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [entry["film"]["slug"] for entry in body["entries"]] == [films[2].slug, films[0].slug]
    assert body["byline"] == editor.get_full_name() and body["published_at"]
    patched = editor_api.patch(
        body["url"],
        {"entries": [{"film": films[1].slug}]},
        format="json",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert patched.status_code == 200, patched.json()
    assert [entry["film"]["slug"] for entry in patched.json()["entries"]] == [films[1].slug]
    stale = editor_api.patch(body["url"], {"title": "Late"}, format="json",
                             HTTP_IF_MATCH=response["ETag"])  # fmt: skip
    assert stale.status_code == 412


@pytest.mark.parametrize(
    ("sent", "field", "message"),
    [
        ({"status": "published", "entries": []}, "entries", "A published list needs a film."),
        ({"status": "published", "introduction": ""}, "introduction", "Needed to publish."),
        ({"entries": [{"film": "no-such-film"}]}, "entries", None),
    ],
)
def test_bad_writes_are_400s_naming_the_field_and_save_nothing(editor_api, sent, field, message):
    data = {"title": "Unready", "introduction": "Text.", "entries": [], **sent}
    response = editor_api.post("/api/v1/lists/", data, format="json")
    assert response.status_code == 400, response.json()
    fields = response.json()["error"]["fields"]
    assert field in fields
    if message:
        assert message in str(fields[field])
    assert not FilmList.objects.exists()


def test_a_film_twice_is_a_400(editor_api, films):
    data = {"title": "Twice", "entries": [{"film": films[0].slug}, {"film": films[0].slug}]}
    response = editor_api.post("/api/v1/lists/", data, format="json")
    assert response.status_code == 400
    assert "entries" in response.json()["error"]["fields"]


def test_readers_and_anonymous_clients_cannot_write(anon_api, user_api):
    assert anon_api.post("/api/v1/lists/", {"title": "x"}, format="json").status_code == 401
    assert user_api.post("/api/v1/lists/", {"title": "x"}, format="json").status_code == 403


def test_the_feed_lists_lists_and_an_unpublished_one_is_deleted_for_readers(
    anon_api, editor_api, settings, films
):
    settings.FEED_SETTLE_SECONDS = 0
    cursor = latest(anon_api)
    film_list = FilmListFactory(films=films[:1], published_at=timezone.now())
    changes, cursor = follow(anon_api, cursor)
    assert [(c["kind"], c["id"], c["action"]) for c in changes] == [
        ("list", film_list.pk, "created")
    ]
    assert changes[0]["url"].endswith(f"/api/v1/lists/{film_list.slug}/")
    film_list.status, film_list.published_at = FilmList.Status.DRAFT, None
    film_list.save()
    changes, _ = follow(anon_api, cursor)
    assert [(c["kind"], c["action"]) for c in changes] == [("list", "deleted")]
    editor_changes, _ = follow(editor_api, cursor)
    assert [(c["kind"], c["action"]) for c in editor_changes] == [("list", "updated")]
