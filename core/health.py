"""/healthz for load balancers: is this app server fit to serve?

Only the database decides. Every app server shares the one Redis, so answering 503 when the
cache is down would take them all out of rotation at once, while pages can still be served
from the database; a cache outage shows as "degraded" in the body and a warning in the log.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)
# The logger django-redis reports ignored cache errors to (DJANGO_REDIS_LOGGER): one warning
# a minute at most, however often the load balancer asks.
cache_logger = logging.getLogger("marquee.cache")


def healthz(request):
    """200 while the database answers ("ok", or "degraded" without the cache), else 503."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    if not checks["database"]:
        status = "unavailable"
    elif not checks["cache"]:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": checks},
        status=503 if status == "unavailable" else 200,
        headers={"Cache-Control": "no-store"},
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        logger.exception("Health check: database unreachable")
        return False


def _cache_ok() -> bool:
    """A round trip of a fresh token. django-redis ignores errors (IGNORE_EXCEPTIONS), so a
    cache that is down does not raise here: the token just does not come back."""
    # A key per check: workers and servers asking at once must not read each other's token.
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, key, timeout=10)
        if cache.get(key) == key:
            cache.delete(key)
            return True
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        cache_logger.warning("Health check: cache unreachable: %s: %s", type(error).__name__, error)
        return False
    cache_logger.warning("Health check: cache unreachable")
    return False
