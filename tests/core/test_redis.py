"""With REDIS_URL set (the PostgreSQL run of `make test`), Redis is the cache behind the
fragments. Skips without Redis on a user's machine; CI sets REDIS_URL and must not skip."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import CreditFactory

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache():
    if not settings.REDIS_URL:
        if os.environ.get("CI") == "true" and os.environ.get("DATABASE_URL", "").startswith(
            "postgres"
        ):
            pytest.fail("CI: the PostgreSQL run must have REDIS_URL set")
        pytest.skip("REDIS_URL is not set (the PostgreSQL run of make test sets it)")
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    return cache


def test_round_trip(redis_cache):
    redis_cache.set("marquee-test", {"ok": True}, timeout=5)
    assert redis_cache.get("marquee-test") == {"ok": True}
    assert redis_cache.get_many(["marquee-test", "marquee-absent"]) == {
        "marquee-test": {"ok": True}
    }
    redis_cache.delete_many(["marquee-test"])
    assert redis_cache.get("marquee-test") is None


def test_one_client_per_connection_pool_not_one_per_call(redis_cache):
    """Django builds a redis-py client for every call (75 µs each); ours keeps one."""
    backend = redis_cache._cache
    assert backend.get_client() is backend.get_client()
    assert backend.get_client(write=True) is backend.get_client("key", write=True)


@pytest.mark.django_db
def test_film_fragments_live_in_redis_and_go_on_save(client, redis_cache):
    from django.core.cache.utils import make_template_fragment_key

    from core import pagecache

    credit = CreditFactory()
    page = credit.film.get_absolute_url()

    def fragment() -> str | None:
        generation = pagecache.current_generation(pagecache.page_key(page))
        return redis_cache.get(
            make_template_fragment_key("film-credits", [credit.film_id, generation])
        )

    client.get(page)
    assert credit.person.name in fragment()
    credit.person.name = "Someone Else"
    credit.person.save()
    assert fragment() is None  # a new generation of the page, so of its fragments
    assert "Someone Else" in client.get(page).content.decode()
