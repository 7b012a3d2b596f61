"""``/me/password`` and ``/auth/password-reset``: the API side of allauth's "Change
password" and "Password reset" pages."""

from allauth.account.forms import ResetPasswordForm
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import OnlyKnownFields, TokenPairSerializer
from accounts.api.views_auth import PASSWORD_MAX_LENGTH, _tokens_response, client_meta
from accounts.services_password import user_password_change
from procusmeet.api.fields import TextField
from procusmeet.api.schema import error_responses


class PasswordChangeApi(APIView):
    class InputSerializer(OnlyKnownFields):
        current_password = TextField(max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True)
        new_password = TextField(max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, write_only=True)

        class Meta:
            ref_name = "PasswordChangeInput"

    @extend_schema(
        operation_id="me_password_change",
        request=InputSerializer,
        responses={
            200: OpenApiResponse(TokenPairSerializer, description="Changed; a new pair for this device."),
            **error_responses(400, 401, 429),
        },
        description="Change your password, confirming the current one. Every session ends, this one "
        "included (web sign-ins too, as on the web page); the answer is a new token pair for this device, "
        "and the refresh cookie is set to it. The owner is alerted in the app and by email.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        tokens = user_password_change(user=request.user, **serializer.validated_data, **client_meta(request))
        return _tokens_response(tokens)


class PasswordResetApi(APIView):
    # No authentication: whoever forgot their password has no valid token to send.
    authentication_classes = ()
    permission_classes = (AllowAny,)

    class InputSerializer(OnlyKnownFields):
        email = serializers.EmailField(max_length=254)

        class Meta:
            ref_name = "PasswordResetInput"

    @extend_schema(
        operation_id="auth_password_reset",
        request=InputSerializer,
        responses={
            202: OpenApiResponse(description="Accepted; the same answer whether or not the address has an account."),
            **error_responses(400, 429),
        },
        description="Mail a password-reset link to the address, as the web page does (the link opens the "
        "web page where the new password is chosen). The answer never tells whether an account exists.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # allauth's own form, as its page uses: it finds the account (or mails that there
        # is none, so the answer here stays the same) and sends the link.
        form = ResetPasswordForm(data=serializer.validated_data)
        if form.is_valid():
            form.save(request._request)
        return Response(status=status.HTTP_202_ACCEPTED)
