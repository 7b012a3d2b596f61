"""The signed-in user's own account: ``/me`` and their active API sessions."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import ClientMeUpdateSerializer, ExpertMeUpdateSerializer, MeSerializer, me_data
from accounts.authentication import SESSION_CLAIM
from accounts.models import Role
from accounts.selectors import sessions_active, user_get_with_profile
from accounts.services import user_profile_update
from accounts.tokens import session_revoke
from procusmeet.api.schema import error_responses


class MeApi(APIView):
    @extend_schema(operation_id="me_retrieve", responses={200: MeSerializer, **error_responses(401)})
    def get(self, request):
        return Response(me_data(user_get_with_profile(user_id=request.user.pk)))

    @extend_schema(
        operation_id="me_update",
        request=ExpertMeUpdateSerializer,
        responses={200: MeSerializer, **error_responses(400, 401)},
        description="Send only the fields to change. Clients may change `full_name` and `timezone`; "
        "experts also their storefront and booking-rule fields. `email` and `role` cannot be changed here.",
    )
    def patch(self, request):
        update_serializer = ExpertMeUpdateSerializer if request.user.role == Role.EXPERT else ClientMeUpdateSerializer
        serializer = update_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = user_profile_update(user=request.user, changes=dict(serializer.validated_data))
        return Response(me_data(user))


class SessionListApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        user_agent = serializers.CharField()
        ip = serializers.IPAddressField(allow_null=True)
        created_at = serializers.DateTimeField()
        last_used_at = serializers.DateTimeField()
        expires_at = serializers.DateTimeField()
        current = serializers.SerializerMethodField()

        class Meta:
            ref_name = "Session"

        def get_current(self, session) -> bool:
            return session.pk == self.context["current_session_id"]

    @extend_schema(
        operation_id="auth_sessions_list",
        responses={200: OutputSerializer(many=True), **error_responses(401)},
        description="Unexpired API sessions, most recently used first; `current` marks the one "
        "of the access token used.",
    )
    def get(self, request):
        current = request.auth.get(SESSION_CLAIM) if request.auth is not None else None
        sessions = sessions_active(user=request.user)
        return Response(self.OutputSerializer(sessions, many=True, context={"current_session_id": current}).data)


class SessionDetailApi(APIView):
    @extend_schema(
        operation_id="auth_sessions_revoke",
        responses={204: OpenApiResponse(description="The session ended."), **error_responses(401, 404)},
    )
    def delete(self, request, session_id: int):
        session_revoke(user=request.user, session_id=session_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
