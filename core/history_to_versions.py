"""django-simple-history's rows as django-reversion's revisions: what the migrations that moved
the history from one to the other run, once. Given the migration's ``apps``, so it reads the
tables as they were then; it imports no app."""

import json
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

CHANGES = {"+": "Added.", "~": "Changed.", "-": "Deleted."}
# A film's credit rows saved by the same user this close to a film row were the same save.
SAME_SAVE = timedelta(seconds=1)
BATCH = 500  # versions written at a time

# Rows of a version besides the object's own, given the object (its state then) and its
# historical row: a model instance for each.
Rows = Callable[[models.Model, models.Model], Iterable[models.Model]]


def copy_history(
    apps,
    schema_editor,
    model_label: str,
    *,
    describe: Callable[[models.Model], str],
    rows: Rows | None = None,
    genres_table: str = "",
) -> None:
    """One revision for each historical row of ``model_label``: its date, user and change
    reason (else "Added.", "Changed.", "Deleted."), with a version of the object as it was and
    of the rows ``rows`` gives. ``genres_table`` is the historical model of its genres, if
    any."""
    using = schema_editor.connection.alias
    model = apps.get_model(model_label)
    historical = apps.get_model(model._meta.app_label, f"Historical{model._meta.object_name}")
    genres = {}
    if genres_table:
        genres = genre_ids_by_row(apps.get_model(model._meta.app_label, genres_table), using)
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    pending = []
    for row in historical._default_manager.using(using).order_by("history_date", "history_id"):
        obj = as_it_was(model, row)
        revision = Revision.objects.using(using).create(
            date_created=row.history_date,
            user_id=row.history_user_id,
            comment=row.history_change_reason or CHANGES.get(row.history_type, ""),
        )
        extra = {"genres": genres.get(row.history_id, [])} if genres_table else {}
        pending.append(version_of(apps, Version, using, revision, obj, describe(obj), extra))
        for related in rows(obj, row) if rows else ():
            pending.append(version_of(apps, Version, using, revision, related, str(related.pk)))
        if len(pending) >= BATCH:
            Version.objects.using(using).bulk_create(pending)
            pending = []
    Version.objects.using(using).bulk_create(pending)


def genre_ids_by_row(historical_genres, using: str) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for history_id, genre_id in historical_genres._default_manager.using(using).values_list(
        "history_id", "genre_id"
    ):
        found.setdefault(history_id, []).append(genre_id)
    return found


def as_it_was(model, row) -> models.Model:
    """An unsaved instance of ``model`` holding a historical row's values."""
    return model(
        **{field.attname: getattr(row, field.attname) for field in model._meta.concrete_fields}
    )


def version_of(apps, Version, using, revision, obj, label: str, extra: dict | None = None):
    """A version of ``obj``, serialized as django-reversion serializes it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    opts = obj._meta
    own_fields = [field.name for field in opts.concrete_fields if not field.primary_key]
    (data,) = serializers.serialize("python", [obj], fields=own_fields)
    data["fields"].update(extra or {})
    return Version(
        revision=revision,
        object_id=str(obj.pk),
        content_type=ContentType.objects.db_manager(using).get_for_model(obj),
        db=using,
        format="json",
        serialized_data=json.dumps([data], cls=DjangoJSONEncoder),
        object_repr=label[:191],
    )


def credits_then(apps, using: str) -> Rows:
    """For a film's historical row, its credits as they were after that save (from their
    own history: rows of the same save, by the same user within a second, count as done)."""
    Credit = apps.get_model("films", "Credit")
    historical_credits = apps.get_model("films", "HistoricalCredit")._default_manager.using(using)
    by_film: dict[int, list] = {}
    for row in historical_credits.order_by("history_date", "history_id").iterator():
        by_film.setdefault(row.film_id, []).append(row)

    def credits(film, film_row) -> list[models.Model]:
        until = film_row.history_date + SAME_SAVE
        state = {}
        for row in by_film.get(film.pk, []):
            if row.history_date > until:
                break
            if row.history_type == "-":
                state.pop(row.id, None)
            else:
                state[row.id] = as_it_was(Credit, row)
        return list(state.values())

    return credits


def rows_now(apps, using: str, *related: tuple[str, str]) -> Rows:
    """The rows of the given models (label, foreign key to the object) as they are now: kept
    no history before, so a version holds them as they are and reverting one leaves them so
    (django-reversion deletes the rows a version does not hold)."""
    managers = [(apps.get_model(label)._default_manager.using(using), fk) for label, fk in related]

    def rows(obj, _row) -> list[models.Model]:
        return [row for manager, fk in managers for row in manager.filter(**{fk: obj.pk})]

    return rows


def both(*sources: Rows) -> Rows:
    return lambda obj, row: [found for source in sources for found in source(obj, row)]


def copy_lone_credit_history(apps, schema_editor) -> None:
    """A revision for each historical credit row saved apart from any film row (by the API,
    say): the film revisions hold the rest."""
    using = schema_editor.connection.alias
    Credit = apps.get_model("films", "Credit")
    film_saves: dict[int, list] = {}
    film_rows = apps.get_model("films", "HistoricalFilm")._default_manager.using(using)
    for film_id, user_id, when in film_rows.values_list("id", "history_user_id", "history_date"):
        film_saves.setdefault(film_id, []).append((user_id, when))
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    historical_credits = apps.get_model("films", "HistoricalCredit")._default_manager.using(using)
    pending = []
    for row in historical_credits.order_by("history_date", "history_id").iterator():
        if any(
            user_id == row.history_user_id and abs(when - row.history_date) <= SAME_SAVE
            for user_id, when in film_saves.get(row.film_id, [])
        ):
            continue
        revision = Revision.objects.using(using).create(
            date_created=row.history_date,
            user_id=row.history_user_id,
            comment=row.history_change_reason or CHANGES.get(row.history_type, ""),
        )
        credit = as_it_was(Credit, row)
        label = f"{row.get_role_display()} credit on film {row.film_id}"
        pending.append(version_of(apps, Version, using, revision, credit, label))
    Version.objects.using(using).bulk_create(pending, batch_size=BATCH)
