"""schema.org descriptions (JSON-LD) of what our pages show."""

from django.conf import settings

from films.models import Film
from people.models import Person
from reviews.models import Review


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _person_ref(person: Person) -> dict:
    return {"@type": "Person", "name": person.name, "url": _url(person.get_absolute_url())}


def movie(film: Film) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": film.title,
        "url": _url(film.get_absolute_url()),
        "dateCreated": film.release_date.isoformat() if film.release_date else str(film.year),
        "director": [_person_ref(credit.person) for credit in film.directors],
        "author": [_person_ref(credit.person) for credit in film.writers],
        "actor": [_person_ref(credit.person) for credit in film.cast],
        "countryOfOrigin": [
            {"@type": "Country", "name": country.name} for country in film.ordered_countries
        ],
        "inLanguage": [language.code for language in film.ordered_languages],
        "genre": [genre.name for genre in film.genre_list],
    }
    if film.original_title and film.original_title != film.title:
        data["alternateName"] = film.original_title
    if film.logline:
        data["description"] = film.logline
    if film.runtime_minutes:
        hours, minutes = divmod(film.runtime_minutes, 60)
        data["duration"] = f"PT{hours}H{minutes}M" if hours else f"PT{minutes}M"
    if film.poster:
        data["image"] = _url(film.poster.url)
    if film.imdb_id:
        data["sameAs"] = f"https://www.imdb.com/title/{film.imdb_id}/"
    return data


def person(person: Person) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": _url(person.get_absolute_url()),
    }
    if person.birth_date:
        data["birthDate"] = person.birth_date.isoformat()
    if person.death_date:
        data["deathDate"] = person.death_date.isoformat()
    if person.photo:
        data["image"] = _url(person.photo.url)
    same_as = []
    if person.imdb_id:
        same_as.append(f"https://www.imdb.com/name/{person.imdb_id}/")
    if person.wikidata_id:
        same_as.append(f"https://www.wikidata.org/wiki/{person.wikidata_id}")
    if same_as:
        data["sameAs"] = same_as
    return data


def review(review: Review) -> dict:
    film_data = {key: value for key, value in movie(review.film).items() if key != "@context"}
    data = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": review.headline,
        "url": _url(review.get_absolute_url()),
        "itemReviewed": film_data,
        "author": {"@type": "Person", "name": review.byline},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if review.standfirst:
        data["description"] = review.standfirst
    if review.published_at:
        data["datePublished"] = review.published_at.isoformat()
    if review.rating is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": str(review.rating),
            "bestRating": "5",
            "worstRating": "0.5",
        }
    return data


def describe(obj) -> dict:
    for model, builder in ((Film, movie), (Person, person), (Review, review)):
        if isinstance(obj, model):
            return builder(obj)
    raise TypeError(f"No structured data for {type(obj).__name__}")
