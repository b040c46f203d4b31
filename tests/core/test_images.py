"""Uploads are checked by what they hold and cleaned; renditions are made once, on upload."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from PIL import Image

from core import images
from core.images import PictureFormField, rendition_name
from tests.factories import FilmFactory, PersonFactory
from tests.images import GPS_INFO, MAKE, image_bytes, upload


def clean(file):
    return PictureFormField().clean(file)


def test_an_upload_loses_its_metadata_and_stands_upright():
    cleaned = clean(upload(width=600, height=900, orientation=6))  # "rotate 90° to view"
    with Image.open(cleaned) as image:
        assert image.size == (900, 600)
        exif = image.getexif()
        assert MAKE not in exif and GPS_INFO not in exif
        assert "exif" not in image.info


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("poster.jpg", b"Not an image at all", "not an image, or it is damaged"),
        ("poster.png", image_bytes(format="JPEG")[:300], "not an image, or it is damaged"),
        ("poster.jpg", b"GIF89a" + bytes(40), "not an image, or it is damaged"),
        ("poster.tiff", image_bytes(format="TIFF"), "TIFF images are not accepted"),
    ],
)
def test_a_file_that_is_not_an_accepted_image_is_refused_by_its_content(name, data, message):
    with pytest.raises(ValidationError, match=message):
        clean(upload(name, data))


def test_a_png_named_jpg_is_judged_by_what_it_holds():
    cleaned = clean(upload("poster.jpg", image_bytes(format="PNG")))
    assert cleaned.name == "poster.png"
    assert cleaned.image.format == "PNG"


def test_a_decompression_bomb_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1_000_000)
    with pytest.raises(ValidationError, match="1,200 × 1,200 pixels; images may have at most 1"):
        clean(upload(width=1200, height=1200))
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, format="PNG")  # 400 megapixels in ~50 KB
    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="too many pixels"):
        clean(upload("bomb.png", bomb.getvalue()))


def test_a_file_too_large_in_bytes_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 10_000)
    with pytest.raises(ValidationError, match="images may be at most"):
        clean(upload(data=image_bytes() + bytes(10_000)))


@pytest.mark.django_db
def test_renditions_are_made_once_when_the_image_is_stored(monkeypatch):
    made = []
    real = images.make_renditions
    monkeypatch.setattr(images, "make_renditions", lambda *a: made.append(a) or real(*a))
    film = FilmFactory(poster=clean(upload(width=500, height=750)))
    assert len(made) == 1
    name = film.poster.name
    for width in (160, 320, 500):  # never wider than the source
        for extension in ("webp", "jpg"):
            assert default_storage.exists(rendition_name(name, width, extension))
    assert not default_storage.exists(rendition_name(name, 640, "webp"))
    with default_storage.open(rendition_name(name, 320, "webp")) as rendition:
        assert Image.open(rendition).size == (320, 480)

    film.title = "Renamed"
    film.save()
    assert type(film).objects.get(pk=film.pk).poster_picture.srcsets  # a reader's page
    assert len(made) == 1


@pytest.mark.django_db
def test_a_picture_knows_its_size_and_renditions_without_opening_a_file(
    django_assert_num_queries,
):
    film = FilmFactory(poster=clean(upload(width=400, height=600)))
    film = type(film).objects.get(pk=film.pk)
    with django_assert_num_queries(0):
        picture = film.poster_picture
    assert (picture.width, picture.height) == (400, 600)
    assert [r["width"] for r in picture.renditions] == [160, 320, 400, 160, 320, 400]
    assert picture.srcsets[0][0] == "image/webp"
    assert picture.srcsets[1][1].endswith(".400w.jpg 400w")


@pytest.mark.django_db
def test_a_film_without_a_poster_shows_the_one_made_for_it():
    film = FilmFactory(slug="la-haine")
    picture = film.poster_picture
    assert picture.url == "/films/la-haine/poster.png"
    assert (picture.width, picture.height) == (480, 720)
    assert film.backdrop_picture is None
    assert PersonFactory().photo_picture is None


@pytest.mark.django_db
def test_saving_reads_no_stored_image_and_survives_a_missing_one(monkeypatch):
    film = FilmFactory(poster=clean(upload(width=400, height=600)))
    film = type(film).objects.get(pk=film.pk)
    default_storage.delete(film.poster.name)  # gone from the storage
    opened = []
    monkeypatch.setattr(FileSystemStorage, "_open", lambda *a, **k: opened.append(a))
    film.title = "Still here"
    film.full_clean()
    film.save()
    assert opened == []
    assert (film.poster_width, film.poster_height) == (400, 600)
    assert film.poster_picture.srcsets


class SignedStorage(FileSystemStorage):
    """A storage whose addresses are not its base URL and the name (S3 with signed URLs)."""

    def url(self, name):
        return f"https://bucket.example/{name}?signature=x"


@pytest.mark.parametrize(
    "storage",
    [
        FileSystemStorage(base_url="/media/"),
        FileSystemStorage(base_url="https://cdn.example/media/"),
        SignedStorage(),
    ],
)
def test_rendition_addresses_are_those_the_storage_gives(storage):
    source = "films/posters/Amélie & co (2001) #1.jpg"
    url_of = images.rendition_url(storage, source)
    for width, extension in [(320, "webp"), (1280, "jpg")]:
        assert url_of(width, extension) == storage.url(rendition_name(source, width, extension))
