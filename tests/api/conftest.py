import pytest
from django.core.cache import cache
from django.core.servers.basehttp import WSGIRequestHandler
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import restore_reference_data
from tests.factories import EditorFactory, UserFactory


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """API tests make many requests from one address: throttling is off unless a test sets
    rates, and counts start from an empty cache."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    cache.clear()
    yield
    cache.clear()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def anon_api():
    return APIClient()


@pytest.fixture
def user_api(db):
    """A signed-in reader: no permissions at all."""
    return token_client(UserFactory(username="reader"))


@pytest.fixture
def editor_api(db):
    """A member of the Editors group, by token."""
    return token_client(EditorFactory(username="editor"))


@pytest.fixture
def superuser_api(db):
    return token_client(UserFactory(username="boss", is_staff=True, is_superuser=True))


@pytest.fixture
def live_api(live_server, django_db_serialized_rollback, monkeypatch):
    """The live server, for tests that call the API over HTTP. Its database is transactional,
    so the serialised rollback brings back what migrations made (countries, languages, the
    Editors group), as the browser tests do."""
    # Without TCP_NODELAY every response waits ~40 ms for a delayed ACK (Nagle's algorithm).
    monkeypatch.setattr(WSGIRequestHandler, "disable_nagle_algorithm", True)
    restore_reference_data()
    return live_server
