"""Cached pages and page fragments, and exactly what invalidates them.

The expensive parts of pages (a film's fact box and credits, a person's filmography, the
home page lists, structured data) are cached in the default cache (Redis when REDIS_URL is
set), and so are whole pages for anonymous readers (core/pagecache.py). A fragment is keyed
by what it shows and by its page's generation, read before the page reads anything: every
save or delete that changes what a page shows starts a new generation of it, here, from model
signals, so the page's fragments are rendered afresh and one rendered across the save is
never served. Signals fire for every save, from the admin, the API and commands alike. Bulk
paths that skip signals (``QuerySet.update``, ``bulk_create``) call ``forget_films`` /
``forget_people`` themselves. Each of those also retires every cached listing (film and
review lists, search, API reads: core/pagecache.py), which any change may alter.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse

from core.pagecache import catalogue_changed, forget_pages
from films.models import (
    Collection,
    Credit,
    Film,
    FilmCountry,
    FilmLanguage,
    FilmRelation,
    Genre,
)
from people.models import Person
from reviews.models import Review

# The structured data of a film, cached as the {% cache %} fragments of templates are.
FILM_JSON_LD = "film-json-ld"


def ttl() -> int:
    return settings.FRAGMENT_CACHE_SECONDS


def json_ld_key(film_pk: int, generation: str) -> str:
    return make_template_fragment_key(FILM_JSON_LD, [film_pk, generation])


def forget_films(film_ids: Iterable[int]) -> None:
    """A film changed: its page, its reviews' pages and the home page (and so the fragments
    on them) start new generations."""
    film_ids = set(film_ids)
    catalogue_changed()
    paths = [reverse("core:home")]
    paths += [_url("films:detail", slug) for slug in _slugs(Film, film_ids)]
    paths += [
        _url("reviews:detail", slug)
        for slug in Review.objects.filter(film_id__in=film_ids).values_list("slug", flat=True)
    ]
    forget_pages(paths)


def forget_people(person_ids: Iterable[int]) -> None:
    person_ids = set(person_ids)
    catalogue_changed()
    forget_pages(_url("people:detail", slug) for slug in _slugs(Person, person_ids))


def _slugs(model, ids: set[int]) -> list[str]:
    return list(model.objects.filter(pk__in=ids).values_list("slug", flat=True)) if ids else []


def _url(name: str, slug: str) -> str:
    return reverse(name, kwargs={"slug": slug})


@receiver(pre_save, sender=Film)
@receiver(pre_save, sender=Person)
@receiver(pre_save, sender=Review)
def slug_changing(sender, instance, **kwargs):
    # A page cached under the old address must not outlive a change of slug.
    if instance.pk:
        old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if old_slug and old_slug != instance.slug:
            forget_pages([instance.__class__(slug=old_slug).get_absolute_url()])


def _films_related_to(film_id: int) -> set[int]:
    """Films whose pages name this one: relations both ways and collection siblings."""
    related = set(
        FilmRelation.objects.filter(film_id=film_id).values_list("related_film_id", flat=True)
    )
    related |= set(
        FilmRelation.objects.filter(related_film_id=film_id).values_list("film_id", flat=True)
    )
    related |= set(
        Film.objects.filter(collection__isnull=False, collection__films__id=film_id).values_list(
            "id", flat=True
        )
    )
    return related


@receiver([post_save, post_delete], sender=Film)
def film_changed(sender, instance, **kwargs):
    forget_pages([instance.get_absolute_url()])  # a deleted film has no row to look up
    forget_films({instance.pk, *_films_related_to(instance.pk)})
    forget_people(Credit.objects.filter(film_id=instance.pk).values_list("person_id", flat=True))


@receiver(pre_save, sender=Credit)
def credit_moving(sender, instance, **kwargs):
    # A credit edited to another person or film leaves the old ones stale too.
    if instance.pk:
        before = Credit.objects.filter(pk=instance.pk).values("film_id", "person_id").first()
        if before:
            forget_films([before["film_id"]])
            forget_people([before["person_id"]])


@receiver([post_save, post_delete], sender=Credit)
def credit_changed(sender, instance, **kwargs):
    forget_films([instance.film_id])
    forget_people([instance.person_id])


@receiver([post_save, post_delete], sender=Person)
def person_changed(sender, instance, **kwargs):
    forget_pages([instance.get_absolute_url()])
    forget_people([instance.pk])
    forget_films(Credit.objects.filter(person_id=instance.pk).values_list("film_id", flat=True))


@receiver([post_save, post_delete], sender=FilmCountry)
@receiver([post_save, post_delete], sender=FilmLanguage)
def film_facts_changed(sender, instance, **kwargs):
    forget_films([instance.film_id])


@receiver(m2m_changed, sender=Film.genres.through)
def film_genres_changed(sender, instance, **kwargs):
    if kwargs["action"].startswith("post_") and isinstance(instance, Film):
        forget_films([instance.pk])


@receiver([post_save, post_delete], sender=FilmRelation)
def film_relation_changed(sender, instance, **kwargs):
    forget_films([instance.film_id, instance.related_film_id])


@receiver([post_save, pre_delete], sender=Genre)  # pre: a deleted genre's films are gone after
def genre_changed(sender, instance, **kwargs):
    # A renamed genre shows on its films' pages and in the list's filter.
    forget_films(
        Film.genres.through.objects.filter(genre=instance).values_list("film_id", flat=True)
    )


@receiver([post_save, post_delete], sender=Collection)
def collection_changed(sender, instance, **kwargs):
    forget_films(Film.objects.filter(collection=instance).values_list("id", flat=True))


@receiver([post_save, post_delete], sender=Review)
def review_changed(sender, instance, **kwargs):
    """Its page, its film's page, the home page, and the pages it is "mentioned in" on."""
    catalogue_changed()
    forget_pages(
        [
            instance.get_absolute_url(),
            reverse("core:home"),
            *(_url("films:detail", slug) for slug in _slugs(Film, {instance.film_id})),
        ]
    )
    if kwargs.get("signal") is post_save:
        _forget_mentioned(instance)


def _forget_mentioned(review: Review) -> None:
    forget_pages(
        [
            *(
                _url("films:detail", slug)
                for slug in review.mentioned_films.values_list("slug", flat=True)
            ),
            *(
                _url("people:detail", slug)
                for slug in review.mentioned_people.values_list("slug", flat=True)
            ),
        ]
    )


@receiver(m2m_changed, sender=Review.mentioned_films.through)
@receiver(m2m_changed, sender=Review.mentioned_people.through)
def mentions_changed(sender, instance, action, pk_set, **kwargs):
    # Both the films/people that gain a mention and those that lose one change their pages.
    if action in {"pre_clear", "post_add", "post_remove"} and isinstance(instance, Review):
        if action == "pre_clear":
            _forget_mentioned(instance)
        else:
            model = Film if sender is Review.mentioned_films.through else Person
            name = "films:detail" if model is Film else "people:detail"
            forget_pages(_url(name, slug) for slug in _slugs(model, set(pk_set or ())))
