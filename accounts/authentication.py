"""Bearer JWT authentication that re-reads the user on every request, so a deactivated
user's access tokens stop working at once (simplejwt refuses inactive users)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import exceptions as jwt_exceptions
from rest_framework_simplejwt.authentication import JWTAuthentication

_MESSAGES = {
    "token_not_valid": _("The access token is invalid or expired."),
    "user_inactive": _("This account has been deactivated."),
    "user_not_found": _("The access token is invalid or expired."),
}


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


class ActiveUserJWTScheme(SimpleJWTScheme):
    """Documents the bearer scheme in the OpenAPI schema (the stock one matches only
    simplejwt's own class, not subclasses)."""

    target_class = ActiveUserJWTAuthentication
