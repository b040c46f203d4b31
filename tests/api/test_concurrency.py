"""No edit lost through the API: writes take the row's lock, PATCH writes only what it was sent,
and If-Match makes a write conditional on the version read (api/views.py ReadWriteViewSet)."""

from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from films.models import Film, Genre
from tests.api.conftest import token_client
from tests.concurrency import postgres_only, require_postgres, run_at_once
from tests.conftest import restore_reference_data
from tests.factories import EditorFactory, FilmFactory, GenreFactory, PersonFactory, ReviewFactory

ROUNDS = 50


def detail(film: Film) -> str:
    return f"/api/v1/films/{film.slug}/"


# If-Match ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_write_answers_with_the_etag_a_get_then_gives(editor_api, anon_api):
    created = editor_api.post("/api/v1/films/", {"title": "Heat", "year": 1995}, format="json")
    assert created.status_code == 201
    url = created["Location"]
    assert created["ETag"] == anon_api.get(url)["ETag"]
    assert not created["ETag"].startswith("W/")  # strong, so If-Match can compare it

    changed = editor_api.patch(url, {"logline": "A heist."}, format="json")
    assert changed.status_code == 200
    assert changed["ETag"] != created["ETag"]
    assert changed["ETag"] == anon_api.get(url)["ETag"]
    assert anon_api.get(url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304

    replaced = editor_api.put(url, {"title": "Heat", "year": 1995}, format="json")
    assert replaced["ETag"] == anon_api.get(url)["ETag"] != changed["ETag"]


@pytest.mark.django_db
def test_a_matching_if_match_writes_and_answers_with_the_new_etag(editor_api):
    film = FilmFactory(logline="Before.")
    read = editor_api.get(detail(film))["ETag"]

    response = editor_api.patch(
        detail(film), {"logline": "After."}, format="json", HTTP_IF_MATCH=read
    )

    assert response.status_code == 200
    assert response.json()["logline"] == "After."
    assert response["ETag"] not in (read, None)
    assert editor_api.get(detail(film))["ETag"] == response["ETag"]
    film.refresh_from_db()
    assert film.logline == "After."


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_stale_if_match_is_412_with_the_current_etag_and_writes_nothing(editor_api, method):
    film = FilmFactory(title="Heat", year=1995, logline="First.")
    read = editor_api.get(detail(film))["ETag"]
    editor_api.patch(detail(film), {"logline": "Someone else's."}, format="json")
    current = editor_api.get(detail(film))["ETag"]

    response = getattr(editor_api, method)(
        detail(film),
        {"title": "Heat", "year": 1995, "logline": "Mine."},
        format="json",
        HTTP_IF_MATCH=read,
    )

    assert response.status_code == 412
    assert response["ETag"] == current
    assert response.json()["error"]["code"] == "precondition_failed"
    assert response.json()["error"]["status"] == 412
    film.refresh_from_db()
    assert film.logline == "Someone else's."


@pytest.mark.django_db
@pytest.mark.parametrize("if_match", ['W/"stale"', '"stale"', '"a", "b"', "unquoted", ""], ids=repr)
def test_an_if_match_naming_no_current_version_is_412(editor_api, if_match):
    film = FilmFactory(runtime_minutes=100)
    response = editor_api.patch(
        detail(film), {"runtime_minutes": 90}, format="json", HTTP_IF_MATCH=if_match
    )
    assert response.status_code == 412
    assert response["ETag"] == editor_api.get(detail(film))["ETag"]
    film.refresh_from_db()
    assert film.runtime_minutes == 100


@pytest.mark.django_db
def test_if_match_compares_strongly(editor_api):
    film = FilmFactory()
    read = editor_api.get(detail(film))["ETag"]
    response = editor_api.patch(
        detail(film), {"runtime_minutes": 90}, format="json", HTTP_IF_MATCH=f"W/{read}"
    )
    assert response.status_code == 412  # RFC 9110: a weak tag never matches If-Match


@pytest.mark.django_db
@pytest.mark.parametrize("if_match", ["*", '"other", {current}'])
def test_if_match_star_or_a_list_holding_the_current_version_writes(editor_api, if_match):
    film = FilmFactory(runtime_minutes=100)
    current = editor_api.get(detail(film))["ETag"]
    response = editor_api.patch(
        detail(film),
        {"runtime_minutes": 90},
        format="json",
        HTTP_IF_MATCH=if_match.format(current=current),
    )
    assert response.status_code == 200
    film.refresh_from_db()
    assert film.runtime_minutes == 90


@pytest.mark.django_db
def test_if_match_star_on_a_missing_object_is_404(editor_api):
    response = editor_api.patch("/api/v1/films/nope/", {}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_delete_with_a_stale_if_match_is_refused(editor_api):
    genre = GenreFactory(name="Noir", slug="noir")
    read = editor_api.get("/api/v1/genres/noir/")["ETag"]
    editor_api.patch("/api/v1/genres/noir/", {"name": "Film noir"}, format="json")

    refused = editor_api.delete("/api/v1/genres/noir/", HTTP_IF_MATCH=read)
    assert refused.status_code == 412
    assert Genre.objects.filter(pk=genre.pk).exists()

    current = editor_api.get("/api/v1/genres/noir/")["ETag"]
    assert editor_api.delete("/api/v1/genres/noir/", HTTP_IF_MATCH=current).status_code == 204
    assert not Genre.objects.filter(pk=genre.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["person", "review", "credit", "collection"])
def test_every_resource_honours_if_match(editor_api, kind):
    api = editor_api
    if kind == "credit":
        credit = FilmFactory().credits.create(person=PersonFactory(), role="director")
        path, change = f"credits/{credit.pk}/", {"note": "uncredited"}
    elif kind == "person":
        path, change = f"people/{PersonFactory().slug}/", {"biography": "Born."}
    elif kind == "review":
        path, change = f"reviews/{ReviewFactory().slug}/", {"standfirst": "Changed."}
    else:
        api.post("/api/v1/collections/", {"name": "Heat", "slug": "heat"}, format="json")
        path, change = "collections/heat/", {"description": "Changed."}
    url = f"/api/v1/{path}"
    read = api.get(url)["ETag"]

    assert api.patch(url, change, format="json", HTTP_IF_MATCH='W/"stale"').status_code == 412
    written = api.patch(url, change, format="json", HTTP_IF_MATCH=read)
    assert written.status_code == 200
    assert written["ETag"] == api.get(url)["ETag"] != read
    assert api.patch(url, change, format="json", HTTP_IF_MATCH=read).status_code == 412


# PATCH writes what it was sent ------------------------------------------------------------------


def film_updates(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "films_film"')]


@pytest.mark.django_db
def test_a_patch_writes_only_the_columns_it_was_sent(editor_api):
    film = FilmFactory()
    film.genres.add(GenreFactory(name="Crime"))
    with CaptureQueriesContext(connection) as queries:
        response = editor_api.patch(detail(film), {"logline": "New."}, format="json")
    assert response.status_code == 200
    (update,) = film_updates(queries.captured_queries)
    assert '"logline"' in update and '"updated_at"' in update
    assert '"runtime_minutes"' not in update and '"title"' not in update
    # Its version reads the genres (on PostgreSQL through a cursor, DECLARE …): only reads.
    assert not [q for q in queries.captured_queries if "films_film_genres" in q["sql"]
                and q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]  # fmt: skip
    assert [genre.name for genre in film.genres.all()] == ["Crime"]


@pytest.mark.django_db
def test_a_put_writes_every_column(editor_api):
    film = FilmFactory(title="Heat", year=1995)
    with CaptureQueriesContext(connection) as queries:
        response = editor_api.put(detail(film), {"title": "Heat", "year": 1996}, format="json")
    assert response.status_code == 200
    (update,) = film_updates(queries.captured_queries)
    assert '"runtime_minutes"' in update and '"logline"' in update


@pytest.mark.django_db
def test_the_write_path_locks_the_row():
    # select_for_update is ignored on SQLite; assert the SQL PostgreSQL would run instead.
    from api.views import FilmViewSet

    view = FilmViewSet(action="partial_update")
    locked = view.filter_queryset(Film.objects.all())
    assert locked.query.select_for_update and locked.query.select_for_no_key_update
    assert locked.query.select_for_update_of == ("self",)
    view.action = "poster"  # an upload changes the film
    assert view.filter_queryset(Film.objects.all()).query.select_for_no_key_update
    view.action = "destroy"
    deleting = view.filter_queryset(Film.objects.all())
    assert deleting.query.select_for_update and not deleting.query.select_for_no_key_update
    view.action = "retrieve"
    assert not view.filter_queryset(Film.objects.all()).query.select_for_update


# Real races on PostgreSQL -----------------------------------------------------------------------


@pytest.fixture
def two_editors():
    require_postgres()
    restore_reference_data()  # a transactional test's database starts empty
    return (
        token_client(EditorFactory(username="ann", first_name="Ann", last_name="Lee")),
        token_client(EditorFactory(username="bob", first_name="Bob", last_name="Ray")),
    )


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_patches_of_different_fields_at_once_both_survive(two_editors):
    ann, bob = two_editors
    lost = []
    for round_number in range(ROUNDS):
        film = FilmFactory(logline="Before.", runtime_minutes=100)
        logline, runtime = f"Round {round_number}.", 101 + round_number
        answers = run_at_once(
            partial(ann.patch, detail(film), {"logline": logline}, format="json"),
            partial(bob.patch, detail(film), {"runtime_minutes": runtime}, format="json"),
        )
        assert [answer.status_code for answer in answers] == [200, 200]
        film.refresh_from_db()
        if (film.logline, film.runtime_minutes) != (logline, runtime):
            lost.append(round_number)
    assert lost == [], f"a change was lost in {len(lost)} of {ROUNDS} rounds"


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_patches_with_the_same_if_match_at_once_one_wins(two_editors):
    ann, bob = two_editors
    for round_number in range(ROUNDS // 5):
        film = FilmFactory(logline="Before.", runtime_minutes=100)
        read = ann.get(detail(film))["ETag"]
        anns = {"logline": f"Ann {round_number}."}
        answers = run_at_once(
            partial(ann.patch, detail(film), anns, format="json", HTTP_IF_MATCH=read),
            partial(
                bob.patch, detail(film), {"runtime_minutes": 50}, format="json", HTTP_IF_MATCH=read
            ),
        )
        assert sorted(answer.status_code for answer in answers) == [200, 412]
        won, refused = sorted(answers, key=lambda answer: answer.status_code)
        assert refused["ETag"] == won["ETag"] == ann.get(detail(film))["ETag"]
        film.refresh_from_db()
        ann_won = answers[0].status_code == 200
        assert film.logline == (f"Ann {round_number}." if ann_won else "Before.")
        assert film.runtime_minutes == (100 if ann_won else 50)
