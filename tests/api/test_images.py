"""Editors upload and remove posters, backdrops, stills and headshots through the API, as
multipart forms; every reader gets them with their sizes and renditions."""

import pytest
from django.core.files.storage import default_storage

from core.images import rendition_name
from films.models import Film, Still
from people.models import Person
from tests.factories import FilmFactory, PersonFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def test_an_editor_uploads_a_poster_and_everyone_sees_it(editor_api, anon_api):
    film = FilmFactory(slug="la-haine", title="La Haine", year=1995)
    response = editor_api.put(
        "/api/v1/films/la-haine/poster/",
        {"image": upload(width=300, height=450)},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert response["ETag"]
    poster = response.json()["images"]["poster"]
    assert (poster["width"], poster["height"]) == (300, 450)
    assert poster["url"].startswith("http://") and "/media/films/posters/" in poster["url"]
    assert [(r["width"], r["type"]) for r in poster["renditions"]] == [
        (160, "image/webp"), (300, "image/webp"), (160, "image/jpeg"), (300, "image/jpeg"),
    ]  # fmt: skip
    film.refresh_from_db()
    assert default_storage.exists(rendition_name(film.poster.name, 160, "webp"))

    read = anon_api.get("/api/v1/films/la-haine/").json()
    assert read["poster_generated"] is False
    assert read["poster"] == poster["url"]
    listed = anon_api.get("/api/v1/films/").json()["results"][0]
    assert listed["poster"] == poster["url"]


def test_a_bad_file_is_a_400_and_changes_nothing(editor_api):
    film = FilmFactory(slug="la-haine")
    response = editor_api.put(
        "/api/v1/films/la-haine/poster/",
        {"image": upload("poster.jpg", b"<?php echo 'hi'; ?>")},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert "not an image" in str(body)
    film.refresh_from_db()
    assert not film.poster
    missing = editor_api.put("/api/v1/films/la-haine/poster/", {}, format="multipart")
    assert missing.status_code == 400


def test_a_stale_if_match_is_refused(editor_api):
    FilmFactory(slug="la-haine")
    etag = editor_api.get("/api/v1/films/la-haine/")["ETag"]
    editor_api.patch("/api/v1/films/la-haine/", {"logline": "Changed"}, format="json")
    response = editor_api.put(
        "/api/v1/films/la-haine/poster/",
        {"image": upload()},
        format="multipart",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 412
    assert not Film.objects.get(slug="la-haine").poster


@pytest.mark.parametrize("client_name", ["anon_api", "user_api"])
def test_only_editors_upload(request, client_name):
    FilmFactory(slug="la-haine")
    api = request.getfixturevalue(client_name)
    response = api.put("/api/v1/films/la-haine/poster/", {"image": upload()}, format="multipart")
    assert response.status_code in (401, 403)
    assert not Film.objects.get(slug="la-haine").poster


def test_removing_a_poster_brings_back_the_made_one(editor_api):
    FilmFactory(slug="la-haine")
    editor_api.put("/api/v1/films/la-haine/poster/", {"image": upload()}, format="multipart")
    response = editor_api.delete("/api/v1/films/la-haine/poster/")
    assert response.status_code == 200
    assert response.json()["poster_generated"] is True
    assert response.json()["images"]["poster"]["url"].endswith("/films/la-haine/poster.png")


def test_backdrop_and_stills(editor_api, anon_api):
    FilmFactory(slug="la-haine")
    backdrop = editor_api.put(
        "/api/v1/films/la-haine/backdrop/",
        {"image": upload(width=1600, height=900)},
        format="multipart",
    )
    assert backdrop.json()["images"]["backdrop"]["width"] == 1600
    for position, caption in [(2, "Saïd on the roof"), (1, "Vinz, Hubert and Saïd at dawn")]:
        added = editor_api.post(
            "/api/v1/films/la-haine/stills/",
            {"image": upload(width=800, height=450), "caption": caption, "position": position},
            format="multipart",
        )
        assert added.status_code == 201, added.content
    stills = anon_api.get("/api/v1/films/la-haine/").json()["images"]["stills"]
    assert [still["caption"] for still in stills] == [
        "Vinz, Hubert and Saïd at dawn",
        "Saïd on the roof",
    ]
    first = stills[0]["id"]
    changed = editor_api.patch(
        f"/api/v1/films/la-haine/stills/{first}/", {"credit": "Canal+"}, format="json"
    )
    assert changed.json()["images"]["stills"][0]["credit"] == "Canal+"
    assert editor_api.delete(f"/api/v1/films/la-haine/stills/{first}/").status_code == 200
    assert list(Still.objects.values_list("caption", flat=True)) == ["Saïd on the roof"]
    other = FilmFactory(slug="other")
    not_its_own = editor_api.delete(f"/api/v1/films/{other.slug}/stills/{stills[1]['id']}/")
    assert not_its_own.status_code == 404
    assert "error" in not_its_own.json() or "detail" in str(not_its_own.json())


def test_a_still_without_an_image_is_a_400(editor_api):
    FilmFactory(slug="la-haine")
    response = editor_api.post(
        "/api/v1/films/la-haine/stills/", {"caption": "No file"}, format="multipart"
    )
    assert response.status_code == 400
    assert not Still.objects.exists()


def test_a_headshot(editor_api, anon_api):
    PersonFactory(slug="mathieu-kassovitz")
    response = editor_api.put(
        "/api/v1/people/mathieu-kassovitz/photo/",
        {"image": upload("kassovitz.png", image_bytes(400, 500, format="PNG"))},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    headshot = anon_api.get("/api/v1/people/mathieu-kassovitz/").json()["images"]["headshot"]
    assert (headshot["width"], headshot["height"]) == (400, 500)
    assert Person.objects.get().photo.name.endswith(".png")


def test_the_schema_describes_the_uploads(anon_api):
    schema = anon_api.get("/api/schema/?format=json").json()
    upload_op = schema["paths"]["/api/v1/films/{slug}/poster/"]["put"]
    assert "multipart/form-data" in upload_op["requestBody"]["content"]
    assert "/api/v1/people/{slug}/photo/" in schema["paths"]
    assert "/api/v1/films/{slug}/stills/{still_id}/" in schema["paths"]
