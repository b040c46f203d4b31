"""POST /api/v1/auth/token/: a username and password for the user's API token.

Passwords are checked through django.contrib.auth with the request, so django-axes counts the
failures and locks a username out from an address after LOGIN_FAILURE_LIMIT of them, as it does
at the admin's login.
"""

import logging

from axes.helpers import get_cool_off
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from api.throttles import AnonThrottle

logger = logging.getLogger(__name__)


class LockedOut(exceptions.APIException):
    """django-axes refused a login: too many failures for this username from this address."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("Too many failed logins: try again later.")
    default_code = "locked_out"

    def __init__(self, wait: int | None):
        super().__init__()
        self.wait = wait  # DRF sends it as Retry-After


class TokenSerializer(AuthTokenSerializer):
    # Bounded like the user model's field: longer is never a username, and django-axes stores
    # what was tried.
    username = serializers.CharField(
        label=_("Username"),
        write_only=True,
        max_length=get_user_model()._meta.get_field("username").max_length,
    )


class TokenView(ObtainAuthToken):
    """POST a username and password, get the user's API token (made on first use)."""

    authentication_classes = ()  # a stale Authorization header must not stop a new login
    throttle_classes = (AnonThrottle,)
    parser_classes = (parsers.JSONParser, parsers.FormParser)
    serializer_class = TokenSerializer

    @extend_schema(
        summary="Get an API token",
        description=(
            "Send a username and password; the answer holds the user's token, to send as "
            "`Authorization: Token <token>` (or `Bearer <token>`). The same token is returned "
            "until it is deleted in the admin. After too many failed logins for a username from "
            "one address, that username is locked out from it for a while: 429 with code "
            "`locked_out` and Retry-After."
        ),
        request=TokenSerializer,
        responses={200: TokenSerializer},
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # django-axes marks the request it was given when it refuses a locked-out login.
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                raise LockedOut(wait=int(cool_off.total_seconds()) if cool_off else None)
            raise exceptions.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        logger.info("API token issued to %s", user.get_username())
        return Response({"token": token.key})
