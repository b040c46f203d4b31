"""What a save or delete of a film, a credit or a film's parts changes, recorded for the
change event (core/changes.py). Signals on purpose: the search index and the cache must follow
every save, whatever made it. The loaded values (core.models.TracksChanges) say what a save
changes without a query."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from core import changes
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
from people.models import Person


def touch(model, ids, using: str) -> None:
    """Move ``updated_at`` on, in the save's transaction: a film's page shows its credits,
    releases and images, so when they change, the film has (and the API's updated_since and
    ETags say so). .update() sends no signal of its own."""
    ids = [pk for pk in ids if pk is not None]
    model.objects.using(using).filter(pk__in=ids).update(updated_at=timezone.now())


@receiver([post_save, post_delete], sender=Film)
def film_changed(sender, instance, using, **kwargs):
    changes.record(using, films=[instance.pk])


@receiver([post_save, post_delete], sender=Credit)
def credit_changed(sender, instance, using, created=False, **kwargs):
    films = {instance.film_id, instance.loaded_value("film_id")}
    people = []
    # A person's own record changes only when they gain or lose a credit (their count).
    if created or kwargs["signal"] is post_delete or instance.changed("person_id"):
        people = [instance.person_id, instance.loaded_value("person_id")]
        touch(Person, people, using)
    touch(Film, films, using)
    changes.record(using, films=films, people=people)


@receiver([post_save, post_delete], sender=FilmCountry)
@receiver([post_save, post_delete], sender=FilmLanguage)
@receiver([post_save, post_delete], sender=ReleaseDate)
@receiver([post_save, post_delete], sender=AlternativeTitle)
@receiver([post_save, post_delete], sender=Still)
def film_part_changed(sender, instance, using, **kwargs):
    touch(Film, [instance.film_id], using)
    changes.record(using, films=[instance.film_id])


@receiver([post_save, post_delete], sender=FilmRelation)
def film_relation_changed(sender, instance, using, **kwargs):
    touch(Film, [instance.film_id, instance.related_film_id], using)
    changes.record(using, films=[instance.film_id, instance.related_film_id])


@receiver(m2m_changed, sender=Film.genres.through)
def film_genres_changed(sender, instance, action, pk_set, using, **kwargs):
    if action.startswith("post_"):
        films = [instance.pk] if isinstance(instance, Film) else pk_set or ()
        touch(Film, films, using)
        changes.record(using, films=films)


@receiver([post_save, pre_delete], sender=Genre)  # pre: a deleted genre has no films after
def genre_changed(sender, instance, using, **kwargs):
    if kwargs.get("created"):
        return
    changes.record(using, films=instance.films.values_list("pk", flat=True))


@receiver([post_save, pre_delete], sender=Collection)
def collection_changed(sender, instance, using, **kwargs):
    if kwargs.get("created"):
        return
    changes.record(using, films=instance.films.values_list("pk", flat=True))
