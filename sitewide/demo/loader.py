"""``load_demo``: put the demo films, people, credits, critics and reviews in the database.

Idempotent: each row is matched on a natural key and saved only when something differs, so a
second run writes nothing (and adds no version to any history).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import reversion
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.text import slugify

from authors.models import Author
from films.models import (
    AlternativeTitle,
    Collection,
    Credit,
    Film,
    FilmCountry,
    FilmLanguage,
    FilmRelation,
    Genre,
    ReleaseDate,
    Still,
)
from films.posters import PosterText, stored_poster
from lists.models import Entry, FilmList
from people.models import Person
from reviews.models import Review
from sitewide.demo import images
from sitewide.demo.authors import AUTHORS
from sitewide.demo.films import COLLECTIONS, FILMS, PEOPLE
from sitewide.demo.lists import LISTS
from sitewide.demo.reviews import REVIEWS

DEMO_AUTHOR = "marquee-desk"

# Films given a drawn backdrop, and how many drawn stills; people given a drawn headshot.
DEMO_PICTURES = {
    "ballerina-2025": 3,
    "amelie-2001": 2,
    "john-wick-2014": 0,
    "no-time-to-die-2021": 0,
}
DEMO_HEADSHOTS = ["Keanu Reeves", "Ana de Armas", "Audrey Tautou", "Ian McShane"]

CREW_ROLES = {
    "producers": Credit.Role.PRODUCER,
    "composers": Credit.Role.COMPOSER,
    "cinematographers": Credit.Role.CINEMATOGRAPHER,
    "editors": Credit.Role.EDITOR,
}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model: type[models.Model], created: bool, updated: bool) -> None:
        name = model._meta.verbose_name_plural
        if created:
            self.created[name] = self.created.get(name, 0) + 1
        elif updated:
            self.updated[name] = self.updated.get(name, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(report: LoadReport, model, lookup: dict, values: dict):
    """Get the row matching ``lookup`` and make it hold ``values``, saving only if needed."""
    instance = model._default_manager.filter(**lookup).first()
    created = instance is None
    if created:
        instance = model(**lookup)
    changed = [name for name, value in values.items() if _differs(instance, name, value)]
    for name in changed:
        setattr(instance, name, values[name])
    if created or changed:
        instance.full_clean()
        instance.save()
    report.count(model, created, bool(changed))
    return instance


def _differs(instance: models.Model, name: str, value) -> bool:
    field = instance._meta.get_field(name)
    if field.is_relation:  # compare ids: reading an unset relation raises
        return getattr(instance, field.attname) != (value.pk if value else None)
    return getattr(instance, name) != value


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@reversion.create_revision()  # one transaction, and one version of what it saves
def load_demo() -> LoadReport:
    reversion.set_comment("Loaded the demo data.")
    report = LoadReport()
    author = _demo_author(report)
    critics = {
        name: _upsert(report, Author, {"slug": slugify(name)}, {"name": name, "bio": bio})
        for name, bio in AUTHORS.items()
    }
    people = _people(report)
    collections = {
        slug: _upsert(report, Collection, {"slug": slug}, {"name": name, "description": text})
        for slug, (name, text) in COLLECTIONS.items()
    }
    films = {}
    for facts in FILMS:
        film = _film(report, facts, collections)
        films[film.slug] = film
        _credits(report, film, facts, people)
    for facts in FILMS:
        for kind, other_slug in facts.get("relations", []):
            film = films[f"{slugify(facts['title'])}-{facts['year']}"]
            _upsert(
                report,
                FilmRelation,
                {"film": film, "kind": kind, "related_film": films[other_slug]},
                {},
            )
    for data in REVIEWS:
        published_at = data["published_at"]
        _upsert(
            report,
            Review,
            {"slug": slugify(data["headline"])},
            {
                "film": films[data["film"]],
                "author": author,
                "critic": critics[data["byline"]],
                "byline": data["byline"],
                "headline": data["headline"],
                "standfirst": data["standfirst"],
                "body": data["body"],
                "rating": Decimal(data["rating"]) if data["rating"] else None,
                "status": data["status"],
                "published_at": datetime.fromisoformat(published_at) if published_at else None,
            },
        )
    for data in LISTS:
        film_list = _upsert(
            report,
            FilmList,
            {"slug": slugify(data["title"])},
            {
                "title": data["title"],
                "author": author,
                "critic": critics[data["byline"]],
                "byline": data["byline"],
                "introduction": data["introduction"],
                "status": FilmList.Status.PUBLISHED,
                "published_at": datetime.fromisoformat(data["published_at"]),
            },
        )
        for position, (slug, blurb) in enumerate(data["entries"], start=1):
            _upsert(
                report,
                Entry,
                {"film_list": film_list, "film": films[slug]},
                {"position": position, "blurb": blurb},
            )
    for facts in FILMS:  # made now, so no reader's request has to make them
        stored_poster(PosterText(facts["title"], facts["year"], tuple(facts["directors"])))
    _pictures(report, films, people, critics)
    return report


def _pictures(
    report: LoadReport,
    films: dict[str, Film],
    people: dict[str, Person],
    critics: dict[str, Author],
) -> None:
    """The demo's "uploaded" images (sitewide/demo/images.py), added where none is yet, so an
    editor's own upload is never replaced."""
    for slug, stills in DEMO_PICTURES.items():
        film = films[slug]
        if not film.backdrop:
            film.backdrop = images.backdrop(slug)
            film.save()
            report.count(Film, created=False, updated=True)
        if not film.stills.exists():
            for position in range(1, stills + 1):
                seed = f"{slug}-{position}"
                film.stills.create(
                    image=images.still(seed),
                    # Say what it shows: a drawing, not a frame of the film.
                    caption=f"A skyline at {images.time_of_day(seed)} (demo illustration)",
                    credit="Marquee demo art",
                    position=position,
                )
                report.count(Still, created=True, updated=False)
    for name in DEMO_HEADSHOTS:
        person = people[name]
        if not person.photo:
            person.photo = images.headshot(name)
            person.save()
            report.count(Person, created=False, updated=True)
    for name, critic in critics.items():
        if not critic.headshot:
            critic.headshot = images.headshot(name)
            critic.save()
            report.count(Author, created=False, updated=True)


def _demo_author(report: LoadReport):
    User = get_user_model()
    author = User.objects.filter(username=DEMO_AUTHOR).first()
    if author is None:
        # No password: the demo desk writes reviews but never logs in.
        author = User(username=DEMO_AUTHOR, first_name="Marquee", last_name="Desk")
        author.set_unusable_password()
        author.save()
        report.count(User, created=True, updated=False)
    return author


def _people(report: LoadReport) -> dict[str, Person]:
    names = set(PEOPLE)
    for facts in FILMS:
        names.update(facts.get("directors", []))
        names.update(name for name, _ in facts.get("writers", []))
        names.update(name for name, _ in facts.get("sources", []))
        names.update(name for name, _ in facts.get("cast", []))
        for key in CREW_ROLES:
            names.update(facts.get(key, []))
    people = {}
    for name in sorted(names):
        known = PEOPLE.get(name, {})
        people[name] = _upsert(
            report,
            Person,
            {"slug": slugify(name)},
            {
                "name": name,
                "birth_date": _date(known.get("birth_date")),
                "birth_place": known.get("birth_place", ""),
                "death_date": _date(known.get("death_date")),
                "death_place": known.get("death_place", ""),
                "other_names": "\n".join(known.get("also_known_as", [])),
                "imdb_id": known.get("imdb_id", ""),
                "tmdb_id": known.get("tmdb_id"),
                "wikidata_id": known.get("wikidata_id", ""),
                "biography": known.get("biography", ""),
            },
        )
    return people


def _film(report: LoadReport, facts: dict, collections: dict[str, Collection]) -> Film:
    collection_slug, collection_order = facts.get("collection", (None, None))
    film = _upsert(
        report,
        Film,
        {"slug": f"{slugify(facts['title'])}-{facts['year']}"},
        {
            "title": facts["title"],
            "original_title": facts.get("original_title", ""),
            "year": facts["year"],
            "release_date": _date(facts.get("release_date")),
            "logline": facts["logline"],
            "runtime_minutes": facts["runtime_minutes"],
            "aspect_ratio": facts["aspect_ratio"],
            "colour": facts["colour"],
            "collection": collections.get(collection_slug),
            "collection_order": collection_order,
            "imdb_id": facts["imdb_id"],
            "tmdb_id": facts["tmdb_id"],
        },
    )
    for position, code in enumerate(facts["countries"], start=1):
        _upsert(report, FilmCountry, {"film": film, "country_id": code}, {"position": position})
    for position, code in enumerate(facts["languages"], start=1):
        _upsert(report, FilmLanguage, {"film": film, "language_id": code}, {"position": position})
    for country, kind, day, note in facts.get("release_dates", []):
        _upsert(
            report,
            ReleaseDate,
            {"film": film, "country_id": country, "type": kind, "date": _date(day)},
            {"note": note},
        )
    for title, country, language, kind in facts.get("alternative_titles", []):
        _upsert(
            report,
            AlternativeTitle,
            {
                "film": film,
                "title": title,
                "kind": kind,
                "country_id": country or None,
                "language_id": language or None,
            },
            {},
        )
    genres = list(Genre.objects.filter(name__in=facts["genres"]))
    if {genre.pk for genre in film.genres.all()} != {genre.pk for genre in genres}:
        film.genres.set(genres)
        report.count(Genre, created=False, updated=True)
    return film


def _credits(report: LoadReport, film: Film, facts: dict, people: dict[str, Person]) -> None:
    rows = [(Credit.Role.DIRECTOR, name, "", "") for name in facts.get("directors", [])]
    rows += [(Credit.Role.WRITER, name, "", note) for name, note in facts.get("writers", [])]
    rows += [
        (Credit.Role.SOURCE_MATERIAL, name, "", note) for name, note in facts.get("sources", [])
    ]
    rows += [(Credit.Role.CAST, name, character, "") for name, character in facts.get("cast", [])]
    for key, role in CREW_ROLES.items():
        rows += [(role, name, "", "") for name in facts.get(key, [])]
    orders: dict[str, int] = {}
    for role, name, character, note in rows:
        orders[role] = orders.get(role, 0) + 1
        _upsert(
            report,
            Credit,
            {"film": film, "person": people[name], "role": role, "character": character},
            {"order": orders[role], "note": note},
        )
