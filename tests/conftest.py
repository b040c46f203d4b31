import datetime

import pytest
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from films.models import AlternativeTitle, ReleaseDate, ReleaseType
from tests.factories import EditorFactory, FilmFactory, PersonFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(_empty_cache, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing a password properly takes ~0.2 s; tests make hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _jinja_templates_report_their_context():
    """The test client reads response.context from the template_rendered signal, which
    django-jinja sends only in debug mode, and tests run with DEBUG off. (Each test: a change
    to settings.DEBUG makes new engines.)"""
    from django.template import engines

    engines["jinja2"]._tmpl_debug = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: primary keys are reused between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _commits_run_their_hooks(monkeypatch):
    """pytest-django runs each test in a transaction that never commits, so on_commit hooks
    (the change event: core/changes.py) would never run. Run them as production does: at once
    outside the code's own transactions, and when its outermost atomic block succeeds."""

    def only_the_tests_transaction(connection) -> bool:
        return all(block._from_testcase for block in connection.atomic_blocks)

    on_commit = BaseDatabaseWrapper.on_commit

    def run_now_in_autocommit(connection, func, robust=False):
        if connection.in_atomic_block and only_the_tests_transaction(connection):
            func()
        else:
            on_commit(connection, func, robust)

    atomic_exit = transaction.Atomic.__exit__

    def commit_runs_hooks(block, exc_type, exc_value, traceback):
        atomic_exit(block, exc_type, exc_value, traceback)
        connection = transaction.get_connection(block.using)
        if (
            not block._from_testcase
            and connection.in_atomic_block
            and only_the_tests_transaction(connection)
        ):
            # What was registered in rolled-back savepoints is gone already.
            hooks, connection.run_on_commit = connection.run_on_commit, []
            for _, func, _ in hooks:
                func()

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", run_now_in_autocommit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", commit_runs_hooks)


@pytest.fixture(autouse=True, scope="session")
def _flushes_send_no_post_migrate():
    """A flush after a transactional test sends no post_migrate: what it would remake (content
    types, permissions) gets new ids, which a later serialised rollback's rows collide with.
    Tests that need that data after a flush call restore_reference_data()."""
    from django.core.management.commands import flush

    original = flush.emit_post_migrate_signal
    flush.emit_post_migrate_signal = lambda *args, **kwargs: None
    yield
    flush.emit_post_migrate_signal = original


def restore_reference_data() -> None:
    """Put back what data migrations made (countries, languages, genres, the Editors group).

    Transactional tests (live servers, browsers) end with a flush that empties every table;
    the serialised rollback meant to undo that is not reliable across a whole session, so
    tests that need this data call this first. Idempotent.
    """
    import importlib

    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from sitewide.editors import set_editors_permissions

    importlib.import_module("films.migrations.0002_reference_data").load(apps, None)
    importlib.import_module("films.migrations.0007_load_world_countries_and_languages").load(
        apps, None
    )
    for app_config in apps.get_app_configs():  # a flush may have emptied the permissions
        create_permissions(app_config, verbosity=0)
    set_editors_permissions(apps=apps)


def migrate(targets=None):
    """Migrates to ``targets`` (else to the latest) and answers the models as they were then."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def editor(db):
    """A staff user whose only permissions come from the Editors group."""
    return EditorFactory(username="editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser(db):
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


# Real films and people with their ids, releases and other titles, for the tests of those.
@pytest.fixture
def matrix(db):
    return FilmFactory(
        title="The Matrix", year=1999, imdb_id="tt0133093", tmdb_id=603, wikidata_id="Q83495"
    )


@pytest.fixture
def keanu(db):
    return PersonFactory(
        name="Keanu Reeves",
        imdb_id="nm0000206",
        tmdb_id=6384,
        wikidata_id="Q43416",
        birth_place="Beirut, Lebanon",
        other_names="Keanu Charles Reeves",
    )


@pytest.fixture
def la_haine(db):
    """La Haine (1995): a Cannes premiere, French and US releases, its English and German titles."""
    film = FilmFactory(title="La Haine", year=1995, original_title="La Haine")
    for country, kind, day, note in [
        ("FR", ReleaseType.PREMIERE, "1995-05-27", "Cannes Film Festival"),
        ("FR", ReleaseType.THEATRICAL, "1995-05-31", ""),
        ("US", ReleaseType.THEATRICAL, "1996-02-23", ""),
    ]:
        day = datetime.date.fromisoformat(day)
        ReleaseDate.objects.create(film=film, country_id=country, type=kind, date=day, note=note)
    AlternativeTitle.objects.create(film=film, title="Hate", country_id="US", language_id="en")
    AlternativeTitle.objects.create(film=film, title="Der Hass", country_id="DE", language_id="de")
    return film
