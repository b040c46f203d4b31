"""Throttles that read their rate per request, so settings (and tests) can change it.

DRF's own classes copy the rates when they are imported. A rate of None or "none" lets every
request through.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _RateFromSettings:
    def get_rate(self):
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return None if rate is None or str(rate).lower() == "none" else rate


class AnonThrottle(_RateFromSettings, AnonRateThrottle):
    """Anonymous clients, counted by address."""


class UserThrottle(_RateFromSettings, UserRateThrottle):
    """Authenticated clients, counted by user. (DRF's class counts anonymous clients by
    address as well, a second history per request on top of AnonThrottle's.)"""

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
