"""Search index sync. These are signals on purpose (STYLE.md: rules that must fire on every
save): the index has to follow each save and delete of a film, person, credit or review,
whether it came from the admin, the API, a service or a management command. Bulk paths that
send no signals call ``search.indexing.reindex()`` themselves."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_delete, post_save, pre_save

from films.models import Credit, Film
from people.models import Person
from reviews.models import Review
from search.indexing import update_index

DISPATCH_PREFIX = "search-index"


def connect() -> None:
    for model in (Film, Person, Credit, Review):
        uid = f"{DISPATCH_PREFIX}-{model._meta.label_lower}"
        post_save.connect(record_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(record_changed, sender=model, dispatch_uid=uid)
    for model in (Credit, Review):
        pre_save.connect(
            remember_links,
            sender=model,
            dispatch_uid=f"{DISPATCH_PREFIX}-links-{model._meta.label_lower}",
        )


def remember_links(sender, instance, update_fields=None, **kwargs):
    """Before a credit or review is updated, note the film (and person) it pointed to, so a
    credit moved to another film or person leaves neither with a stale document."""
    if instance._state.adding or instance.pk is None:
        return
    links = ["film_id", "person_id"] if sender is Credit else ["film_id"]
    if update_fields is not None and not {"film", "person"} & set(update_fields):
        return
    previous = sender._default_manager.filter(pk=instance.pk).values(*links).first()
    instance._search_previous_links = previous or {}


def record_changed(sender, instance, **kwargs):
    previous = getattr(instance, "_search_previous_links", {})
    if sender is Film:
        update_index(films=[instance.pk])  # and its reviews, which carry its year
    elif sender is Person:
        update_index(people=[instance.pk])
    elif sender is Credit:
        update_index(
            films={instance.film_id, previous.get("film_id")} - {None},
            people={instance.person_id, previous.get("person_id")} - {None},
            cascade=False,
        )
    elif sender is Review:
        update_index(
            reviews=[instance.pk],
            films={instance.film_id, previous.get("film_id")} - {None},
            cascade=False,
        )


def build_index_if_empty(sender, using, verbosity=1, **kwargs):
    """After ``migrate``, build the index if it is empty but there is something to find: the
    first migrate of a site that already has films (or the demo data) gets working search
    without a separate step. ``manage.py rebuild_search_index`` rebuilds it any time."""
    from search.indexing import rebuild
    from search.models import SearchDocument

    if using != DEFAULT_DB_ALIAS:
        return
    with connections[using].cursor() as cursor:
        tables = connections[using].introspection.table_names(cursor)
    if SearchDocument._meta.db_table not in tables:  # migrated back to zero
        return
    models = (Film, Person, Review)
    if SearchDocument.objects.using(using).exists():
        return
    if not any(model._default_manager.using(using).exists() for model in models):
        return
    if verbosity:
        print("Building the search index…")
    counts = rebuild()
    if verbosity:
        print(f"Indexed {counts['films']} films, {counts['people']} people, "
              f"{counts['reviews']} reviews.")  # fmt: skip
