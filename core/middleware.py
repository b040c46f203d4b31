import logging
import time

from django.conf import settings
from django.core.exceptions import BadRequest
from django.urls import get_resolver, get_urlconf

NUL_MESSAGE = "The address contains a NUL character (%00), which no page or filter accepts."

request_logger = logging.getLogger("marquee.requests")


class RequestLogMiddleware:
    """One log line per request with its status and duration (JSON when LOG_FORMAT=json)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            },
        )
        return response


class ContentSecurityPolicyMiddleware:
    """Sets CONTENT_SECURITY_POLICY on every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class RejectNulMiddleware:
    """A NUL character in the path or query string is a 400, answered by the site's handler400
    (JSON under /api/): PostgreSQL text cannot hold one, so a lookup with it failed with a 500.
    (Form fields refuse a NUL themselves, with a message; the API's JSON parser does too.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query_string or "\x00" in query_string:
            bad_request = get_resolver(get_urlconf()).resolve_error_handler(400)
            return bad_request(request, BadRequest(NUL_MESSAGE))
        return self.get_response(request)
