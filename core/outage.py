"""A database outage answers 503 with Retry-After, not 500: a page in the site's layout, or the
API's JSON error under /api/ (the API's own exception handler answers the same for DRF views).

Cached pages never reach the database (core/pagecache.py), so anonymous readers keep getting
them, and /healthz answers 503 by itself (core/health.py). Workers recover on their own: a
connection that failed is closed when its request finishes (Django's close_old_connections, as
errors_occurred is set), and a kept one is checked before reuse (conn_health_checks).
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
MESSAGE = "The database is unavailable. Please try again in a moment."
CODE = "service_unavailable"


class DatabaseOutageMiddleware:
    """Turns an outage error into the 503 answer, whether the view raised it or a middleware
    inside this one did (Django has already made that a 500 by the time it gets here)."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_outage, dispatch_uid="core.outage")

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_outage", False):
            return unavailable(request)
        return response

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        log(exception)
        return unavailable(request)


def is_outage(error: BaseException) -> bool:
    """The database cannot be reached, dropped the connection or is too busy (lock and
    statement timeouts, deadlocks): Django's errors, or the driver's own (psycopg's, sqlite3's)
    from code that uses the driver's connection directly."""
    driver = connection.Database
    return isinstance(
        error, (OperationalError, InterfaceError, driver.OperationalError, driver.InterfaceError)
    )


def _note_outage(sender, request=None, **kwargs):
    """Sent while Django turns an uncaught exception into a 500, inside its ``except``."""
    if request is not None and is_outage(sys.exc_info()[1]):
        request.database_outage = True


def log(error: Exception) -> None:
    """One line, no traceback: an outage fails every request alike."""
    logger.warning("Database unavailable, answered 503: %s: %s", type(error).__name__, error)


def api_error() -> dict:
    """The API's error shape (api/exceptions.py) for an outage."""
    return {"error": {"status": 503, "code": CODE, "message": MESSAGE, "fields": {}}}


def unavailable(request) -> HttpResponse:
    """The 503 answer, made without the database: no context processors, no session, no user."""
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    if request.path_info.startswith("/api/"):
        return JsonResponse(api_error(), status=503, headers=headers)
    context = {
        "request": request,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "message": MESSAGE,
    }
    return HttpResponse(render_to_string("503.html", context), status=503, headers=headers)
