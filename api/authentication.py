"""How API consumers authenticate: a token, checked without giving guessers a free run.

A bad token counts against its address's anonymous rate, so guessing tokens is throttled like
any other anonymous traffic. (Imported by rest_framework.views itself, through the settings:
no views here.)
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api.throttles import FailedAuthenticationThrottle


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's, taking ``Authorization: Bearer <key>`` (what generated clients send) as well as
    ``Token <key>``. Past its address's anonymous rate, a bad token gets 429, not 401."""

    keywords = (b"token", b"bearer")

    def authenticate(self, request):
        try:
            return self._authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle = FailedAuthenticationThrottle()
            if not throttle.allow_request(request, None):
                raise exceptions.Throttled(throttle.wait()) from None
            raise

    def _authenticate(self, request):
        words = authentication.get_authorization_header(request).split()
        if not words or words[0].lower() not in self.keywords:
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: give the keyword, a space and the token.")
            )
        try:
            key = words[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        key_length = self.get_model()._meta.get_field("key").max_length
        if len(key) > key_length or "\x00" in key:  # never a key; PostgreSQL refuses NUL
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return self.authenticate_credentials(key)
