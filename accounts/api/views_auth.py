"""API sign-up, sign-in, token refresh and sign-out (SPEC §1, §8).

Every answer that issues tokens also sets the refresh token as an HttpOnly, SameSite=Lax
cookie scoped to the auth paths, so a browser client never has to store it in script.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import MeSerializer, OnlyKnownFields, TokenPairSerializer, ZoneNameField, me_data
from accounts.authentication import SESSION_CLAIM
from accounts.models import Role, User
from accounts.selectors import user_get_with_profile
from accounts.services import user_login, user_logout_everywhere, user_register
from accounts.services_google import google_login
from accounts.tokens import TokenPair, session_end, session_end_by_refresh_token, session_refresh
from procusmeet.api.errors import ApplicationError
from procusmeet.api.schema import error_responses

PASSWORD_MAX_LENGTH = 128
TOKEN_MAX_LENGTH = 4096


def client_meta(request) -> dict:
    """Device and address recorded on the session, shown in the sessions list.

    Both come from outside: behind a proxy the address is what its X-Forwarded-For
    said ("1.2.3.4, 5.6.7.8", "unknown"), and a header may carry a NUL that PostgreSQL
    cannot store. Neither may turn a sign-in into a 500, so what is not an IP address
    is recorded as none and NULs are dropped.
    """
    user_agent = request.META.get("HTTP_USER_AGENT", "").replace("\x00", "")
    try:
        ip = str(ipaddress.ip_address(request.META.get("REMOTE_ADDR") or ""))
    except ValueError:
        ip = None
    return {"user_agent": user_agent, "ip": ip}


def _with_refresh_cookie(response: Response, refresh: str) -> Response:
    lifetime = settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]
    response.set_cookie(
        settings.REFRESH_COOKIE_NAME,
        refresh,
        max_age=int(lifetime.total_seconds()),
        path=settings.REFRESH_COOKIE_PATH,
        secure=settings.REFRESH_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _without_refresh_cookie(response: Response) -> Response:
    response.delete_cookie(settings.REFRESH_COOKIE_NAME, path=settings.REFRESH_COOKIE_PATH, samesite="Lax")
    return response


def _tokens_response(tokens: TokenPair, *, status_code: int = status.HTTP_200_OK, **extra) -> Response:
    body = {**extra, "access": tokens.access, "refresh": tokens.refresh}
    return _with_refresh_cookie(Response(body, status=status_code), tokens.refresh)


def _refresh_token_from(request, body_token: str) -> str:
    """The body wins over the cookie: an explicit token is what the caller meant."""
    return body_token or request.COOKIES.get(settings.REFRESH_COOKIE_NAME, "")


class _PublicApi(APIView):
    # No authentication at all: a stale access token sent along must not turn a
    # sign-in or refresh into a 401.
    authentication_classes = ()
    permission_classes = (AllowAny,)


class RegisterApi(_PublicApi):
    class InputSerializer(OnlyKnownFields):
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True)
        full_name = serializers.CharField(max_length=150)
        role = serializers.ChoiceField(choices=Role.choices)
        timezone = ZoneNameField(
            required=False,
            help_text="IANA zone the times are shown in (default: UTC for clients, Africa/Lagos for experts).",
        )

        class Meta:
            ref_name = "RegisterInput"

        def validate(self, attrs):
            candidate = User(email=attrs["email"].lower(), full_name=attrs["full_name"], role=attrs["role"])
            try:
                validate_password(attrs["password"], user=candidate)
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"password": list(exc.messages)}) from exc
            return attrs

    class OutputSerializer(TokenPairSerializer):
        user = MeSerializer

        class Meta:
            ref_name = "Registration"

    @extend_schema(
        operation_id="auth_register",
        request=InputSerializer,
        responses={201: OutputSerializer, **error_responses(400, 429)},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user, tokens = user_register(**serializer.validated_data, **client_meta(request))
        user = user_get_with_profile(user_id=user.pk)
        return _tokens_response(tokens, status_code=status.HTTP_201_CREATED, user=me_data(user))


class LoginApi(_PublicApi):
    class InputSerializer(OnlyKnownFields):
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True)

        class Meta:
            ref_name = "LoginInput"

    @extend_schema(
        operation_id="auth_login",
        request=InputSerializer,
        responses={200: TokenPairSerializer, **error_responses(400, 401, 429)},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _tokens_response(user_login(**serializer.validated_data, **client_meta(request)))


class RefreshApi(_PublicApi):
    class InputSerializer(OnlyKnownFields):
        refresh = serializers.CharField(
            required=False, allow_blank=True, max_length=TOKEN_MAX_LENGTH, help_text="Omit to use the refresh cookie."
        )

        class Meta:
            ref_name = "RefreshInput"

    @extend_schema(
        operation_id="auth_refresh",
        request=InputSerializer,
        responses={200: TokenPairSerializer, **error_responses(400, 401, 429)},
        description="Rotates the pair: the refresh token sent stops working. Presenting an already "
        "rotated refresh token ends every session of its user.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        raw_token = _refresh_token_from(request, serializer.validated_data.get("refresh", ""))
        if not raw_token:
            message = _("Send the refresh token in the body or the cookie.")
            raise ApplicationError(_("The request has invalid fields."), fields={"refresh": [message]})
        return _tokens_response(session_refresh(raw_token=raw_token, **client_meta(request)))


class LogoutApi(APIView):
    class InputSerializer(OnlyKnownFields):
        refresh = serializers.CharField(required=False, allow_blank=True, max_length=TOKEN_MAX_LENGTH)

        class Meta:
            ref_name = "LogoutInput"

    @extend_schema(
        operation_id="auth_logout",
        request=InputSerializer,
        responses={
            204: OpenApiResponse(description="Signed out; the refresh cookie is cleared."),
            **error_responses(400, 401),
        },
        description="Ends the session named by the refresh token in the body (another device's, say); "
        "without one, or when it names none of your sessions, ends the session of the access token "
        "used and the one of the refresh cookie. With an invalid or expired access token the "
        "answer is 401, yet the session of the refresh cookie still ends and the cookie is cleared.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session_end(
            user=request.user,
            raw_token=serializer.validated_data.get("refresh") or None,
            session_id=request.auth.get(SESSION_CLAIM) if request.auth is not None else None,
            cookie_token=request.COOKIES.get(settings.REFRESH_COOKIE_NAME) or None,
        )
        return _without_refresh_cookie(Response(status=status.HTTP_204_NO_CONTENT))

    def handle_exception(self, exc):
        # A caller whose access token expired or was revoked still means to sign out: the
        # 401 stays (logout is for signed-in users), but the session of the refresh cookie
        # ends and the cookie is cleared, or the browser would keep a live token around.
        response = super().handle_exception(exc)
        if response.status_code == status.HTTP_401_UNAUTHORIZED:
            cookie_token = self.request.COOKIES.get(settings.REFRESH_COOKIE_NAME)
            if cookie_token:
                session_end_by_refresh_token(raw_token=cookie_token)
            _without_refresh_cookie(response)
        return response


class LogoutAllApi(APIView):
    @extend_schema(
        operation_id="auth_logout_all",
        request=None,
        responses={
            204: OpenApiResponse(description="Every API session and every browser session of the user ended."),
            **error_responses(401),
        },
    )
    def post(self, request):
        user_logout_everywhere(user=request.user)
        return _without_refresh_cookie(Response(status=status.HTTP_204_NO_CONTENT))


class GoogleLoginApi(_PublicApi):
    class InputSerializer(OnlyKnownFields):
        # OAuth tokens are printable ASCII; anything else could never reach Google in a header.
        access_token = serializers.RegexField(
            r"^[\x21-\x7e]+$",
            max_length=TOKEN_MAX_LENGTH,
            error_messages={"invalid": _lazy("This is not a Google access token.")},
        )
        role = serializers.ChoiceField(
            choices=Role.choices, required=False, help_text="Needed only when this sign-in creates the account."
        )

        class Meta:
            ref_name = "GoogleLoginInput"

    @extend_schema(
        operation_id="auth_google",
        request=InputSerializer,
        responses={
            # 200 whether it signed in to an account or created one, as SPEC §8 gives this
            # route login's answer (register alone is a 201); GET /me tells them apart.
            200: OpenApiResponse(TokenPairSerializer, description="Signed in (to an existing or a new account)."),
            **error_responses(400, 401, 403, 429, 503),
        },
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = google_login(**serializer.validated_data, **client_meta(request))
        return _tokens_response(result.tokens, status_code=status.HTTP_200_OK)
