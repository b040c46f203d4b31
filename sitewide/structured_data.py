"""schema.org descriptions (JSON-LD) of what our pages show."""

from django.conf import settings

from authors.models import Author
from core.links import absolute_url
from films.models import Film
from lists.models import FilmList
from people.models import Person
from reviews.models import Review


def _person_ref(person: Person) -> dict:
    return {"@type": "Person", "name": person.name, "url": absolute_url(person.get_absolute_url())}


def _byline(bylined: Review | FilmList) -> dict:
    """Who wrote it: the byline, with its critic's page where it is credited to one."""
    data = {"@type": "Person", "name": bylined.byline}
    if bylined.critic_id is not None:
        data["url"] = absolute_url(bylined.critic.get_absolute_url())
    return data


def movie(film: Film, *, releases: bool = True) -> dict:
    """The film page's; a review's reviewed item leaves out ``releases`` (two queries) and
    the reviews, which only the film page loads (``published_reviews``)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": film.title,
        "url": absolute_url(film.get_absolute_url()),
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
    data["image"] = absolute_url(film.poster_url)
    if releases:
        data.update(_releases(film, also_named=data.get("alternateName")))
    if reviews := getattr(film, "published_reviews", None):
        data.update(_critics(film, reviews))
    if film.external_links:
        data["sameAs"] = [address for _, address in film.external_links]
    return data


def person(person: Person) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": absolute_url(person.get_absolute_url()),
    }
    if person.also_known_as:
        data["alternateName"] = person.also_known_as
    if person.birth_date:
        data["birthDate"] = person.birth_date.isoformat()
    if person.birth_place:
        data["birthPlace"] = {"@type": "Place", "name": person.birth_place}
    if person.death_date:
        data["deathDate"] = person.death_date.isoformat()
    if person.death_place:
        data["deathPlace"] = {"@type": "Place", "name": person.death_place}
    if person.photo:
        data["image"] = absolute_url(person.photo.url)
    if person.external_links:
        data["sameAs"] = [address for _, address in person.external_links]
    return data


def author(author: Author) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": author.name,
        "url": absolute_url(author.get_absolute_url()),
        "jobTitle": "Film critic",
        "worksFor": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if author.bio:
        data["description"] = author.bio
    if author.headshot:
        data["image"] = absolute_url(author.headshot.url)
    return data


def _releases(film: Film, also_named: str | None) -> dict:
    data = {}
    if published := min((release.date for release in film.releases), default=film.release_date):
        data["datePublished"] = published.isoformat()  # its first release anywhere
    if film.also_known_as:
        titles = [title.title for title in film.also_known_as]
        data["alternateName"] = [also_named, *titles] if also_named else titles
    return data


def _critics(film: Film, reviews: list[Review]) -> dict:
    """Our critics' reviews (those the page shows) and, from all their ratings, the aggregate
    search engines show beside a film (their rules for critic reviews: a rating per review)."""
    data = {"review": [_review_summary(review) for review in reviews]}
    if film.average_rating is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(round(film.average_rating, 1)),
            "ratingCount": film.rated_review_count,
            "bestRating": "5",
            "worstRating": "0.5",
        }
    return data


def _review_summary(review: Review) -> dict:
    data = {
        "@type": "Review",
        "name": review.headline,
        "url": absolute_url(review.get_absolute_url()),
        "author": _byline(review),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if review.published_at:
        data["datePublished"] = review.published_at.isoformat()
    if review.rating is not None:
        data["reviewRating"] = _rating(review.rating)
    return data


def _rating(rating) -> dict:
    return {"@type": "Rating", "ratingValue": str(rating), "bestRating": "5", "worstRating": "0.5"}


def review(review: Review) -> dict:
    reviewed = movie(review.film, releases=False)
    film_data = {key: value for key, value in reviewed.items() if key != "@context"}
    data = {"@context": "https://schema.org", **_review_summary(review), "itemReviewed": film_data}
    if review.standfirst:
        data["description"] = review.standfirst
    return data


def film_list(film_list: FilmList) -> dict:
    """An ItemList of the films in their order: what search engines show as a carousel."""
    films = [entry.film for entry in film_list.entries.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": film_list.title,
        "url": absolute_url(film_list.get_absolute_url()),
        "author": _byline(film_list),
        "numberOfItems": len(films),
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": f"{film.title} ({film.year})",
                "url": absolute_url(film.get_absolute_url()),
            }
            for position, film in enumerate(films, start=1)
        ],
    }
    if film_list.published_at:
        data["datePublished"] = film_list.published_at.date().isoformat()
    return data


def describe(obj) -> dict:
    builders = (
        (Film, movie),
        (Person, person),
        (Review, review),
        (FilmList, film_list),
        (Author, author),
    )
    for model, builder in builders:
        if isinstance(obj, model):
            return builder(obj)
    raise TypeError(f"No structured data for {type(obj).__name__}")
