"""Refuse throttle rates DRF cannot parse at start-up, not on the first API request."""

import re

from django.core import checks
from rest_framework.settings import api_settings

RATE = re.compile(r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$")


@checks.register
def check_throttle_rates(app_configs, **kwargs):
    errors = []
    for scope, rate in api_settings.DEFAULT_THROTTLE_RATES.items():
        if rate is None or str(rate).lower() == "none" or RATE.match(str(rate)):
            continue
        errors.append(
            checks.Error(
                f"Throttle rate {rate!r} for {scope!r} is not like 60/minute (or none).",
                hint="Set API_THROTTLE_ANON / API_THROTTLE_USER to N/second|minute|hour|day.",
                id="api.E001",
            )
        )
    return errors
