import logging
import secrets
import time

from django.conf import settings

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
    """Sets Content-Security-Policy with a fresh nonce per request.

    Scripts run only from our own origin or with the nonce (``request.csp_nonce``, used by the
    JSON-LD blocks); never inline without it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.format(
                nonce=request.csp_nonce
            )
        return response
