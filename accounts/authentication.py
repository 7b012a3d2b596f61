"""Bearer JWT authentication that re-reads the user on every request, so a deactivated
user's access tokens stop working at once.

Access tokens are bound to their API session (the ``sid`` claim, the ``RefreshSession``
id, which survives refresh rotation): logging out, "log out everywhere", revoking a
session and refresh-token reuse detection all delete session rows, and an access token
whose session row is gone or expired is refused on its next request. The session check
rides in the query that already loads the user, so it costs no extra query.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import exceptions as jwt_exceptions
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.settings import api_settings

from accounts.models import RefreshSession, User

# The claim naming the token's API session (``RefreshSession`` id); ``accounts.tokens``
# writes it. It lives here because this module must not import ``accounts.tokens``
# (DRF imports this class while ``accounts.errors`` may still be loading).
SESSION_CLAIM = "sid"

_MESSAGES = {
    "token_not_valid": _("The access token is invalid or expired."),
    "user_inactive": _("This account has been deactivated."),
    "user_not_found": _("The access token is invalid or expired."),
    "session_revoked": _("This session has been signed out. Please sign in again."),
}


def _claim_id(token, claim: str) -> int:
    """A positive integer id claim; anything else (missing, a string, a bool) is a bad token."""
    value = token.get(claim)
    if type(value) is not int or value <= 0:
        raise AuthenticationFailed(_MESSAGES["token_not_valid"], code="token_not_valid")
    return value


class ActiveUserJWTAuthentication(JWTAuthentication):
    def authenticate_header(self, request):
        return 'Bearer realm="api"'

    def authenticate(self, request):
        # simplejwt's errors carry a nested dict detail (every token class it tried);
        # the API's error shape wants one stable code and one readable message.
        try:
            return super().authenticate(request)
        except jwt_exceptions.InvalidToken as exc:
            raise AuthenticationFailed(_MESSAGES["token_not_valid"], code="token_not_valid") from exc
        except jwt_exceptions.AuthenticationFailed as exc:
            code = str(exc.detail.get("code", "authentication_failed"))
            raise AuthenticationFailed(_MESSAGES.get(code, exc.detail.get("detail", "")), code=code) from exc

    def get_user(self, validated_token):
        # Tokens without a session claim are refused: every token this codebase ever
        # issued carries one, and an unbound token could not be revoked.
        user_id = _claim_id(validated_token, api_settings.USER_ID_CLAIM)
        session_id = _claim_id(validated_token, SESSION_CLAIM)
        # One query: the user, and whether the token's session is still alive *for this
        # user* (a validly signed token naming another user's session is refused too).
        live_session = RefreshSession.objects.filter(
            pk=session_id, user_id=OuterRef("pk"), expires_at__gt=timezone.now()
        )
        user = User.objects.annotate(session_live=Exists(live_session)).filter(pk=user_id).first()
        if user is None:
            raise AuthenticationFailed(_MESSAGES["user_not_found"], code="user_not_found")
        if not user.is_active:
            raise AuthenticationFailed(_MESSAGES["user_inactive"], code="user_inactive")
        if not user.session_live:
            raise AuthenticationFailed(_MESSAGES["session_revoked"], code="session_revoked")
        return user


class ActiveUserJWTScheme(SimpleJWTScheme):
    """Documents the bearer scheme in the OpenAPI schema (the stock one matches only
    simplejwt's own class, not subclasses)."""

    target_class = ActiveUserJWTAuthentication
