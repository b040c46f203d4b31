"""Every API error has one JSON shape (documented in the schema as ``Error``)::

    {"error": {"status": 400, "code": "invalid", "message": "rating: Ensure this value is less
     than or equal to 5.", "fields": {"rating": ["Ensure this value is less than or equal to 5."]}}}

``code`` is DRF's error code (``not_found``, ``not_authenticated``, ``permission_denied``,
``method_not_allowed``, ``throttled``, ``parse_error``, ``protected`` …, ``invalid`` for
validation). ``fields`` maps each invalid field (or ``non_field_errors``) to its messages and is
empty for other errors.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change conflicts with data already saved."
    default_code = "conflict"


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, ProtectedError | RestrictedError):
        blockers = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        exc = Conflict(
            f"Cannot delete this while {', '.join(blockers)} refer to it.", code="protected"
        )
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
    response.data = {
        "error": {
            "status": response.status_code,
            "code": code,
            "message": message,
            "fields": fields,
        }
    }
    return response


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
