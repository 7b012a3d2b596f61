"""``/me/deletion-request``: the API side of the account page's "Delete account"."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services_deletion import (
    account_deletion_request,
    account_deletion_withdraw,
    deletion_request_pending,
)
from procusmeet.api.errors import NotFound
from procusmeet.api.schema import error_responses


class DeletionRequestApi(APIView):
    class InputSerializer(serializers.Serializer):
        password = serializers.CharField(trim_whitespace=False, max_length=128)
        reason = serializers.CharField(required=False, allow_blank=True, max_length=500)

        class Meta:
            ref_name = "DeletionRequestInput"

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        status = serializers.CharField()
        reason = serializers.CharField()
        requested_at = serializers.DateTimeField()

        class Meta:
            ref_name = "DeletionRequest"

    @extend_schema(
        operation_id="me_deletion_request_retrieve",
        responses={200: OutputSerializer, **error_responses(401, 404)},
        description="The open request to delete your account; 404 when there is none.",
    )
    def get(self, request):
        pending = deletion_request_pending(user=request.user)
        if pending is None:
            raise NotFound(_("You have no open request to delete your account."))
        return Response(self.OutputSerializer(pending).data)

    @extend_schema(
        operation_id="me_deletion_request_create",
        request=InputSerializer,
        responses={201: OutputSerializer, **error_responses(400, 401, 429)},
        description="Ask for your account to be deleted, confirming with your password. Staff process "
        "the request; asking again while one is open returns it.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pending = account_deletion_request(user=request.user, **serializer.validated_data)
        return Response(self.OutputSerializer(pending).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="me_deletion_request_withdraw",
        responses={204: OpenApiResponse(description="Withdrawn (or there was none)."), **error_responses(401)},
    )
    def delete(self, request):
        account_deletion_withdraw(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
