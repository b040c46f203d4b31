"""Images on the reader's pages, in link previews and structured data, and uploaded in the
admin: each page shows what it has, with its size, renditions and real alt text."""

import json
import re

import pytest
from django.core.files.storage import default_storage

from core.images import PictureFormField, rendition_name
from films.models import Film
from people.models import Person, surname_first
from tests.admin_forms import submitted
from tests.factories import CreditFactory, FilmFactory, PersonFactory, ReviewFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def picture(**kwargs):
    return PictureFormField().clean(upload(**kwargs))


def json_ld(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def og(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)"', html)
    return found[1] if found else None


def test_a_film_page_shows_its_backdrop_poster_and_stills(client):
    film = FilmFactory(
        title="La Haine",
        year=1995,
        poster=picture(width=600, height=900),
        backdrop=picture(width=1920, height=1080),
    )
    film.stills.create(
        image=picture(width=1280, height=720),
        caption="Saïd, Vinz and Hubert on a roof",
        credit="Canal+",
        position=2,
    )
    film.stills.create(image=picture(width=1280, height=720), caption="", position=1)
    html = client.get(film.get_absolute_url()).content.decode()
    main = html[html.index("<main") :]
    assert main.index('class="backdrop"') < main.index('class="film-poster"') < main.index("<h1")
    assert 'alt="Poster for La Haine (1995)"' in main
    assert f"{rendition_name(film.poster.name, 640, 'webp')} 600w" not in main  # never wider
    assert f"{rendition_name(film.poster.name, 320, 'webp')} 320w" in main
    stills = main[main.index('id="stills"') :]
    assert stills.index("A still from La Haine (1995)") < stills.index(
        'alt="Saïd, Vinz and Hubert on a roof"'
    )  # in their order; one without a caption still says what it is
    assert "Photo: Canal+" in stills
    assert stills.count('loading="lazy"') == 2
    # Link previews get the wide backdrop, with its size.
    assert og(html, "og:image").endswith(film.backdrop.url)
    assert (og(html, "og:image:width"), og(html, "og:image:height")) == ("1920", "1080")


def test_every_img_has_its_size_and_alt(client):
    film = FilmFactory(poster=picture(), backdrop=picture(width=1600, height=900))
    film.stills.create(image=picture(width=800, height=450), caption="A still")
    person = PersonFactory(photo=picture(width=400, height=500))
    CreditFactory(film=film, person=person)
    review = ReviewFactory(film=film)
    for url in [
        "/",
        "/films/",
        film.get_absolute_url(),
        person.get_absolute_url(),
        review.get_absolute_url(),
    ]:
        html = client.get(url).content.decode()
        images = re.findall(r"<img [^>]*>", html)
        assert images, url
        for img in images:
            assert re.search(r' width="\d+" height="\d+"', img), (url, img)
            assert " alt=" in img and " srcset=" in img and " sizes=" in img, (url, img)


def test_a_person_page_shows_their_headshot_or_a_monogram(client):
    person = PersonFactory(name="Audrey Tautou", photo=picture(width=400, height=500))
    html = client.get(person.get_absolute_url()).content.decode()
    assert 'alt="Audrey Tautou"' in html and 'width="400" height="500"' in html
    assert og(html, "og:image").endswith(person.photo.url)
    assert json_ld(html)["image"].endswith(person.photo.url)

    without = PersonFactory(name="Mathieu Kassovitz")
    html = client.get(without.get_absolute_url()).content.decode()
    assert '<span class="monogram" aria-hidden="true">MK</span>' in html
    assert og(html, "og:image") is None  # no film to show either
    film = FilmFactory(title="La Haine", year=1995)
    CreditFactory(film=film, person=without, role="director", character="")
    html = client.get(without.get_absolute_url()).content.decode()
    assert og(html, "og:image").endswith("/films/la-haine-1995/poster.png")
    assert og(html, "og:image:alt") == "Poster for La Haine (1995)"


def test_a_review_page_shows_the_film_beside_the_text(client):
    review = ReviewFactory(film=FilmFactory(title="Amélie", year=2001))
    html = client.get(review.get_absolute_url()).content.decode()
    layout = html[html.index('class="review-layout"') :]
    assert layout.index('class="review-body"') < layout.index('class="review-aside"')
    assert 'alt="Poster for Amélie (2001)"' in layout
    assert layout.index("review-poster") < layout.index('class="fact-box"')
    assert og(html, "og:image").endswith("/films/amelie-2001/poster.png")


def test_movie_structured_data_carries_our_critics_ratings(client):
    film = FilmFactory(title="Amélie", year=2001)
    ReviewFactory(film=film, rating="4.5", byline="Nora Castellan")
    ReviewFactory(film=film, rating="3.0")
    ReviewFactory(film=film, rating=None)
    ReviewFactory(film=film, draft=True, rating="1.0")
    data = json_ld(client.get(film.get_absolute_url()).content.decode())
    assert data["image"].endswith("/films/amelie-2001/poster.png")
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "3.8",
        "ratingCount": 2,
        "bestRating": "5",
        "worstRating": "0.5",
    }
    assert len(data["review"]) == 3
    rated = next(r for r in data["review"] if r["author"]["name"] == "Nora Castellan")
    assert rated["reviewRating"]["ratingValue"] == "4.5"
    assert "aggregateRating" not in json_ld(
        client.get(FilmFactory().get_absolute_url()).content.decode()
    )


def test_an_editor_uploads_a_poster_and_a_still_in_the_admin(superuser_client):
    film = FilmFactory(title="La Haine", year=1995)
    url = f"/admin/films/film/{film.pk}/change/"
    data = {k: v[0] if len(v) == 1 else v for k, v in submitted(superuser_client.get(url)).items()}
    data["poster"] = upload("la-haine.jpg", image_bytes(600, 900, orientation=6))
    data["stills-TOTAL_FORMS"] = "1"
    data["stills-0-image"] = upload("roof.png", image_bytes(1280, 720, format="PNG"))
    data["stills-0-caption"] = "On the roof"
    data["stills-0-position"] = "1"
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    film.refresh_from_db()
    assert (film.poster_width, film.poster_height) == (900, 600)  # stood upright
    assert default_storage.exists(rendition_name(film.poster.name, 320, "webp"))
    assert film.stills.get().caption == "On the roof"
    page = superuser_client.get(url).content.decode()
    assert page.count('class="picture-preview"') == 2  # the poster and the still, shown


def test_the_admin_refuses_a_file_that_is_not_an_image(superuser_client):
    film = FilmFactory(title="La Haine", year=1995, logline="Kept.")
    url = f"/admin/films/film/{film.pk}/change/"
    data = {k: v[0] if len(v) == 1 else v for k, v in submitted(superuser_client.get(url)).items()}
    data["poster"] = upload("poster.jpg", b"%PDF-1.4 not an image")
    data["logline"] = "Typed, and not lost."
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This file is not an image, or it is damaged" in html
    assert "Typed, and not lost." in html
    assert (
        Film.objects.get(pk=film.pk).logline == "Kept." and not Film.objects.get(pk=film.pk).poster
    )


@pytest.mark.parametrize(
    ("name", "filed"),
    [
        ("Keanu Reeves", "Reeves, Keanu"),
        ("Ana de Armas", "Armas, Ana de"),
        ("Martin Luther King Jr.", "King Jr., Martin Luther"),
        ("Rufus", "Rufus"),
        ("Jean-Pierre Jeunet", "Jeunet, Jean-Pierre"),
    ],
)
def test_names_are_filed_by_surname(name, filed):
    assert surname_first(name) == filed


def test_a_sort_name_set_by_hand_is_kept_and_a_made_one_follows_the_name():
    bong = PersonFactory(name="Bong Joon-ho", sort_name="Bong Joon-ho")
    bong.name = "Bong Joon Ho"
    bong.save()
    assert Person.objects.get(pk=bong.pk).sort_name == "Bong Joon-ho"
    keanu = PersonFactory(name="Keanu Reeves")
    assert keanu.sort_name == "Reeves, Keanu"
    keanu = Person.objects.get(pk=keanu.pk)
    keanu.name = "Keanu C. Reeves"
    keanu.save()
    assert keanu.sort_name == "Reeves, Keanu C."


def test_the_admin_still_opens_a_film_whose_image_file_has_gone(superuser_client):
    film = FilmFactory(poster=picture(width=300, height=450))
    default_storage.delete(film.poster.name)
    response = superuser_client.get(f"/admin/films/film/{film.pk}/change/")
    assert response.status_code == 200
    assert 'class="picture-preview"' in response.content.decode()
