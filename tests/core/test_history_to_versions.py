"""The migrations that copy django-simple-history's rows into django-reversion revisions,
run on rows written while the historical tables still existed."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from reversion.models import Revision, Version

from films.models import Credit, Film, ReleaseDate, ReleaseType
from lists.models import FilmList
from people.models import Person
from tests.conftest import migrate, restore_reference_data
from tests.factories import (
    EditorFactory,
    FilmFactory,
    FilmListFactory,
    GenreFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("films", "0012_film_list_sort_indexes"),
    ("people", "0004_updated_at_index"),
    ("reviews", "0007_credit_bylines"),
    ("lists", "0003_credit_bylines"),
]


def history_row(apps, obj, kind: str, when, user=None, reason=None, **changed):
    """A django-simple-history row of ``obj`` as it is, with ``changed`` over it."""
    model = apps.get_model(obj._meta.app_label, f"Historical{obj._meta.object_name}")
    kept = {field.attname for field in model._meta.concrete_fields}  # not fields added since
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname in kept
    }
    return model.objects.create(
        **{**values, **changed},
        history_type=kind,
        history_date=when,
        history_user_id=user.pk if user else None,
        history_change_reason=reason,
    )


@pytest.fixture
def old():
    """The models before the history moved, their tables migrated back; and forward after."""
    restore_reference_data()
    apps = migrate(BEFORE)
    # Today's Film, which the test writes with, has a column added since (films 0015).
    alter_films("ADD COLUMN rated_review_count integer NOT NULL DEFAULT 0")
    yield apps
    forward()  # a no-op when the test did it: the flush that follows needs today's tables


def alter_films(change: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE films_film {change}")


def forward():
    """Migrates to the latest, taking back first the column the fixture added."""
    recorder = MigrationRecorder(connection)
    if ("films", "0015_film_rated_review_count") not in recorder.applied_migrations():
        alter_films("DROP COLUMN rated_review_count")
    migrate()


def test_every_historical_row_becomes_a_revision_that_reverts(old):
    ann, bob = EditorFactory(username="ann"), EditorFactory(username="bob")
    drama = GenreFactory()
    film = FilmFactory(title="Ballerina", year=2025)
    release = ReleaseDate.objects.create(
        film=film, country_id="US", type=ReleaseType.THEATRICAL, date=datetime.date(2025, 6, 6)
    )
    director = PersonFactory(name="Len Wiseman")
    writer = Credit.objects.create(film=film, person=director, role=Credit.Role.WRITER)
    deleted = Credit(pk=writer.pk + 100, film=film, person=director, role=Credit.Role.DIRECTOR)
    added = timezone.now() - datetime.timedelta(days=3)
    changed = added + datetime.timedelta(days=1)

    first = history_row(old, film, "+", added, ann, title="Balerina")
    old.get_model("films", "HistoricalFilm_genres").objects.create(
        history=first, id=1, film_id=film.pk, genre_id=drama.pk
    )
    history_row(old, deleted, "+", added + datetime.timedelta(milliseconds=300), ann)
    history_row(old, film, "~", changed, ann)
    history_row(old, deleted, "-", changed + datetime.timedelta(milliseconds=200), ann)
    history_row(old, writer, "+", changed + datetime.timedelta(hours=1), bob)  # by the API
    history_row(old, director, "+", added, ann, reason="Imported.")
    film_list = FilmListFactory(films=[film])
    history_row(old, film_list, "~", changed, bob)

    forward()

    assert not {"films_historicalfilm", "films_historicalcredit"} & set(
        connection.introspection.table_names()
    )
    then, later = Version.objects.get_for_object(film).order_by("revision__date_created")
    assert (then.revision.user, then.revision.comment) == (ann, "Added.")
    assert then.revision.date_created == added
    assert then.field_dict["title"] == "Balerina"
    assert then.field_dict["genres"] == [drama.pk]
    assert {(v.content_type.model, v.object_id) for v in then.revision.version_set.all()} == {
        ("film", str(film.pk)),
        ("credit", str(deleted.pk)),
        ("releasedate", str(release.pk)),  # kept no history: as it is now
        ("filmcountry", str(film.film_countries.get().pk)),
        ("filmlanguage", str(film.film_languages.get().pk)),
    }
    assert later.revision.comment == "Changed."
    assert not later.revision.version_set.get_for_model(Credit).exists()
    lone = Version.objects.get_for_object(writer).get()
    assert (lone.revision.user, lone.revision.comment) == (bob, "Added.")
    person = Version.objects.get_for_object(director).get()
    assert (person.revision.comment, person.object_repr) == ("Imported.", "Len Wiseman")
    listed = Version.objects.get_for_object(film_list).get()
    assert listed.revision.version_set.count() == 2  # the list and its entry
    assert Revision.objects.count() == 5

    then.revision.revert(delete=True)

    film = Film.objects.get(pk=film.pk)
    assert film.title == "Balerina"
    assert list(film.genres.all()) == [drama]
    assert list(film.credits.values_list("pk", flat=True)) == [deleted.pk]  # as it was then
    assert film.release_dates.get() == release
    assert Person.objects.filter(pk=director.pk).exists()
    assert FilmList.objects.get().entries.count() == 1
