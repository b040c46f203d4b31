"""Throttles that read their rate per request, so settings (and tests) can change it, and key
on the client's real address; plus the middleware that reports the budget in headers.

DRF's own classes copy the rates when they are imported. A rate of None or "none" lets every
request through.
"""

import ipaddress
from dataclasses import dataclass

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, UserRateThrottle


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or with NUM_PROXIES (TRUSTED_PROXY_COUNT) = n the
    n-th address from the right of X-Forwarded-For, as DRF reads it. Anything there that is not
    an address (a proxy that does not set the header) falls back to REMOTE_ADDR. Also
    django-axes's AXES_CLIENT_IP_CALLABLE."""
    address = _ip_address(BaseThrottle().get_ident(request) or "")
    if address is None:
        address = _ip_address(request.META.get("REMOTE_ADDR", ""))
    return str(address) if address is not None else ""


def _ip_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """``text`` as an address, without an IPv6 zone (%eth0); an IPv4 client on a dual-stack
    socket (::ffff:a.b.c.d) as IPv4."""
    try:
        address = ipaddress.ip_address(text.strip().partition("%")[0])
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


@dataclass(frozen=True)
class RateLimit:
    limit: int
    remaining: int


class _RateFromSettings:
    def get_rate(self):
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return None if rate is None or str(rate).lower() == "none" else rate

    def get_ident(self, request):
        """The client's address; an IPv6 client by its /64, the block one host is given."""
        address = client_address(request)
        if ":" in address:
            return str(ipaddress.ip_network(f"{address}/64", strict=False))
        return address

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if self.rate is not None and self.key is not None:
            remaining = max(self.num_requests - len(self.history), 0) if allowed else 0
            _report(request, RateLimit(self.num_requests, remaining))
        return allowed


def _report(request, rate_limit: RateLimit) -> None:
    """Keep the tightest budget on the Django request, for RateLimitHeadersMiddleware."""
    django_request = getattr(request, "_request", request)
    current = getattr(django_request, "rate_limit", None)
    if current is None or rate_limit.remaining < current.remaining:
        django_request.rate_limit = rate_limit


class AnonThrottle(_RateFromSettings, AnonRateThrottle):
    """Anonymous clients, counted by address."""


class UserThrottle(_RateFromSettings, UserRateThrottle):
    """Authenticated clients, counted by user. (DRF's class counts anonymous clients by
    address as well, a second history per request on top of AnonThrottle's.)"""

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class FailedAuthenticationThrottle(AnonThrottle):
    """A request whose credentials failed, counted with its address's anonymous requests. (It
    has no user yet, so AnonThrottle's check of request.user cannot run.)"""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class RateLimitHeadersMiddleware:
    """X-RateLimit-Limit and X-RateLimit-Remaining on every response a throttle counted (DRF
    adds Retry-After to a 429)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (rate_limit := getattr(request, "rate_limit", None)) is not None:
            response["X-RateLimit-Limit"] = str(rate_limit.limit)
            response["X-RateLimit-Remaining"] = str(rate_limit.remaining)
        return response
