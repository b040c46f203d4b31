"""Writes that touch several tables, each in one transaction so nothing is half-saved."""

from collections.abc import Iterable, Sequence

from django.db import transaction

from films.models import Country, Film, FilmCountry, FilmLanguage, Genre, Language


@transaction.atomic
def save_film(
    *,
    film: Film,
    update_fields: Iterable[str] | None = None,
    genres: Sequence[Genre] | None = None,
    countries: Sequence[Country] | None = None,
    languages: Sequence[Language] | None = None,
) -> Film:
    """Save a validated film and, for each of ``genres``, ``countries`` and ``languages`` that
    is given (None leaves it alone), replace its rows. Countries and languages keep the order
    given, as the film's credits list them.

    ``update_fields`` names the only columns to write (``updated_at`` too), so a concurrent
    change to any other column survives; None writes them all."""
    film.save(update_fields=None if update_fields is None else {*update_fields, "updated_at"})
    if genres is not None:
        film.genres.set(genres)
    if countries is not None:
        film.film_countries.all().delete()
        FilmCountry.objects.bulk_create(
            FilmCountry(film=film, country=country, position=position)
            for position, country in enumerate(countries, start=1)
        )
    if languages is not None:
        film.film_languages.all().delete()
        FilmLanguage.objects.bulk_create(
            FilmLanguage(film=film, language=language, position=position)
            for position, language in enumerate(languages, start=1)
        )
    return film
