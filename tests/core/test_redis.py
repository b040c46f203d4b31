"""With REDIS_URL set (the PostgreSQL run of `make test`), Redis is the cache behind the
pages and fragments. Skips without Redis on a user's machine; CI sets REDIS_URL, so no skip."""

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


@pytest.mark.django_db
def test_film_fragments_live_in_redis_and_go_on_save(client, redis_cache):
    from django.core.cache.utils import make_template_fragment_key

    from core import pagecache

    credit = CreditFactory()
    page = credit.film.get_absolute_url()

    def fragment() -> str | None:
        version = pagecache.catalogue_version()
        return redis_cache.get(
            make_template_fragment_key("film-credits", [credit.film_id, version])
        )

    client.get(page)
    assert credit.person.name in fragment()
    credit.person.name = "Someone Else"
    credit.person.save()
    assert fragment() is None  # a new catalogue version, so new keys for every fragment
    assert "Someone Else" in client.get(page).content.decode()
