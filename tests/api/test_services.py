import pytest
from django.db import IntegrityError

from api.services import save_film
from films.models import Country, Film, FilmCountry, FilmLanguage, Language
from tests.factories import GenreFactory

pytestmark = pytest.mark.django_db


def test_save_film_writes_everything_in_order():
    genre = GenreFactory(name="Action")
    film = save_film(
        film=Film(title="Ballerina", year=2025),
        genres=[genre],
        countries=[Country.objects.get(code="US"), Country.objects.get(code="HU")],
        languages=[Language.objects.get(code="en")],
    )
    assert film.slug == "ballerina-2025"
    assert [(row.country_id, row.position) for row in film.film_countries.all()] == [
        ("US", 1),
        ("HU", 2),
    ]
    assert list(film.genres.all()) == [genre]
    save_film(film=film, countries=[Country.objects.get(code="HU")])
    assert [row.country_id for row in film.film_countries.all()] == ["HU"]
    assert [row.language_id for row in film.film_languages.all()] == ["en"]  # left alone


def test_save_film_is_one_transaction(monkeypatch):
    def fail(*args, **kwargs):
        raise IntegrityError("languages could not be written")

    monkeypatch.setattr(FilmLanguage.objects, "bulk_create", fail)
    with pytest.raises(IntegrityError):
        save_film(
            film=Film(title="Heat", year=1995),
            countries=[Country.objects.get(code="US")],
            languages=[Language.objects.get(code="en")],
        )
    assert not Film.objects.exists()
    assert not FilmCountry.objects.exists()
