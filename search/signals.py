"""The index follows the change event (core/changes.py): once per committed transaction,
whatever made the change (admin, API, services, commands, bulk imports)."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_save
from django.dispatch import receiver

from core import changes as change_event
from core.changes import committed
from films.models import Film
from lists.models import FilmList
from people.models import Person
from reviews.models import Review
from search.indexing import rebuild, reindex
from search.models import SearchDocument


@receiver(post_save, sender=Film)
def film_retitled(sender, instance, using, created, **kwargs):
    # A list's document carries its films' titles; a signal, so that every save of a title
    # reaches it. Only a new title changes them: other saves of a film cost lists no query.
    if not created and instance.changed("title"):
        change_event.record(using, retitled_films=[instance.pk])


@receiver(committed)
def changes_committed(sender, changes, **kwargs):
    reindex(
        films=changes["films"],
        people=changes["people"],
        reviews=changes["reviews"],
        lists=changes["lists"],
        retitled_films=changes["retitled_films"],
    )


def build_index_if_empty(sender, using, verbosity=1, **kwargs):
    """After ``migrate``, build the index if it is empty but there is something to find: the
    first migrate of a site that already has films (or the demo data) gets working search
    without a separate step. ``manage.py rebuild_search_index`` rebuilds it any time."""
    if using != DEFAULT_DB_ALIAS:
        return
    with connections[using].cursor() as cursor:
        tables = connections[using].introspection.table_names(cursor)
    if SearchDocument._meta.db_table not in tables:  # migrated back to zero
        return
    models = (Film, Person, Review, FilmList)
    if SearchDocument.objects.using(using).exists():
        # An index built before lists were searchable gets them on the next migrate.
        lists = SearchDocument.objects.using(using).filter(kind=SearchDocument.Kind.LIST)
        if not lists.exists():
            reindex(lists=FilmList.objects.using(using).values_list("pk", flat=True))
        return
    if not any(model._default_manager.using(using).exists() for model in models):
        return
    if verbosity:
        print("Building the search index…")
    counts = rebuild()
    if verbosity:
        print(f"Indexed {counts['films']} films, {counts['people']} people, "
              f"{counts['reviews']} reviews, {counts['lists']} lists.")  # fmt: skip
