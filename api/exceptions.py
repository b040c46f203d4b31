"""Every API error has one JSON shape (documented in the schema as ``Error``)::

    {"error": {"status": 400, "code": "invalid", "message": "rating: Ensure this value is less
     than or equal to 5.", "fields": {"rating": ["Ensure this value is less than or equal to 5."]}}}

``code`` is DRF's error code (``not_found``, ``not_authenticated``, ``permission_denied``,
``method_not_allowed``, ``throttled``, ``parse_error``, ``protected`` …, ``invalid`` for
validation). ``fields`` maps each invalid field (or ``non_field_errors``) to its messages and is
empty for other errors.

Codes of our own: ``too_large`` (413, a body over DATA_UPLOAD_MAX_MEMORY_SIZE); and, outside DRF,
``bad_request`` (400, handler400 below: e.g. a NUL in the address), ``permanent_redirect`` (308
to the path with its slash, api/middleware.py) and ``server_error`` (500, handler500 below).
"""

import logging

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core import outage

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change conflicts with data already saved."
    default_code = "conflict"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(f"The request body is larger than {limit:,} bytes.")


class ServiceUnavailable(exceptions.APIException):
    """The database is down (core/outage.py); ``wait`` makes DRF send Retry-After."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = outage.MESSAGE
    default_code = outage.CODE
    wait = outage.RETRY_AFTER_SECONDS


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, RequestDataTooBig):  # request.body, beyond DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = RequestTooLarge()
    elif isinstance(exc, ProtectedError | RestrictedError):
        blockers = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        exc = Conflict(
            f"Cannot delete this while {', '.join(blockers)} refer to it.", code="protected"
        )
    elif outage.is_outage(exc):
        outage.log(exc)
        exc = ServiceUnavailable()
    elif isinstance(exc, IntegrityError):
        # Validation runs the model's checks first, so this is a race with another write.
        logger.warning("API write hit an integrity error: %s", exc)
        exc = Conflict()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500 handling logs it

    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        code = "invalid"
        message = _first_message(fields) or "Invalid input."
    else:
        fields = {}
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        message = str(exc.detail)
    response.data = error_body(response.status_code, code, message, fields)
    return response


def error_body(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


def is_api_request(request) -> bool:
    return f"{request.path_info}/".startswith("/api/")


def bad_request(request, exception):
    """handler400: Django's 400 page, or the error shape under /api/. Only our own BadRequest
    messages are shown; other SuspiciousOperation messages may say more than a client should."""
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    message = str(exception) if type(exception) is BadRequest and str(exception) else ""
    body = error_body(400, "bad_request", message or "The request could not be understood.")
    return JsonResponse(body, status=400)


def server_error(request):
    """handler500: the site's 500 page, or the error shape under /api/ (Django has logged it)."""
    if not is_api_request(request):
        return defaults.server_error(request)
    message = "Something went wrong on our side. Please try again in a moment."
    return JsonResponse(error_body(500, "server_error", message), status=500)


def _fields(detail) -> dict:
    if isinstance(detail, dict):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): value
            for key, value in detail.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: detail if isinstance(detail, list) else [detail]}


def _first_message(fields: dict) -> str:
    """``field: message`` for the first error found, however deeply nested."""
    for name, errors in fields.items():
        found = errors
        while isinstance(found, list | dict) and found:
            found = next(iter(found.values())) if isinstance(found, dict) else found[0]
        if found:
            prefix = "" if name == api_settings.NON_FIELD_ERRORS_KEY else f"{name}: "
            return f"{prefix}{found}"
    return ""
