"""Notifications in the API: list, mark read, mark all read, email preferences.

The stream (SSE) is an async Django view in ``notifications.stream``; DRF views are
synchronous, and a stream must not hold a thread.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import selectors, services
from procusmeet.api.pagination import PagePagination
from procusmeet.api.schema import error_responses


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField(help_text="A path on this site, or empty.")
    data = serializers.DictField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    read = serializers.BooleanField(source="is_read")

    class Meta:
        ref_name = "Notification"


class NotificationPagination(PagePagination):
    """The page plus ``unread_count``: a badge needs no second request."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["unread_count"] = self.unread_count
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["unread_count"] = {"type": "integer", "example": 3}
        schema["required"] = [*schema.get("required", []), "unread_count"]
        return schema


class NotificationListApi(APIView):
    class FilterSerializer(serializers.Serializer):
        unread = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="notifications_list",
        parameters=[
            OpenApiParameter("unread", bool, description="Only unread notifications."),
        ],
        responses={200: NotificationSerializer(many=True), **error_responses(400, 401)},
        description="Your notifications, unread first and newest first within each group, with "
        "`unread_count`. Live updates: `GET /api/v1/notifications/stream` (Server-Sent Events).",
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        paginator = NotificationPagination()
        paginator.unread_count = selectors.unread_count(user_id=request.user.pk)
        queryset = selectors.notifications_for(user=request.user, unread_only=filters.validated_data["unread"])
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(NotificationSerializer(page, many=True).data)


# ``get_paginated_response`` adds the envelope; tell the schema it is paginated.
NotificationListApi.pagination_class = NotificationPagination


class NotificationReadApi(APIView):
    @extend_schema(
        operation_id="notifications_read",
        request=None,
        responses={200: NotificationSerializer, **error_responses(401, 404)},
        description="Mark one of your notifications read (idempotent).",
    )
    def post(self, request, notification_id: int):
        notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
        return Response(NotificationSerializer(notification).data)


class NotificationReadAllApi(APIView):
    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField(help_text="How many were unread.")
        unread_count = serializers.IntegerField()

        class Meta:
            ref_name = "NotificationsReadAll"

    @extend_schema(
        operation_id="notifications_read_all",
        request=None,
        responses={200: OutputSerializer, **error_responses(401)},
    )
    def post(self, request):
        marked = services.notifications_mark_all_read(user=request.user)
        return Response({"marked": marked, "unread_count": selectors.unread_count(user_id=request.user.pk)})


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    enabled = serializers.BooleanField(help_text="Emailed (in-app notifications always arrive).")
    locked = serializers.BooleanField(help_text="Security and payment emails cannot be turned off.")

    class Meta:
        ref_name = "EmailPreference"


class PreferencesOutputSerializer(serializers.Serializer):
    email = PreferenceSerializer(many=True)

    class Meta:
        ref_name = "NotificationPreferences"


class NotificationPreferencesApi(APIView):
    class InputSerializer(serializers.Serializer):
        email = serializers.DictField(
            child=serializers.BooleanField(), allow_empty=False, help_text='e.g. {"booking_requested": false}'
        )

        class Meta:
            ref_name = "NotificationPreferencesUpdate"

    @extend_schema(operation_id="notifications_preferences", responses={200: PreferencesOutputSerializer, **error_responses(401)})
    def get(self, request):
        return Response({"email": selectors.email_preferences_of(user_id=request.user.pk)})

    @extend_schema(
        operation_id="notifications_preferences_update",
        request=InputSerializer,
        responses={200: PreferencesOutputSerializer, **error_responses(400, 401)},
        description="Turn email on or off per kind; send only the kinds to change.",
    )
    def patch(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.email_preferences_update(user=request.user, changes=serializer.validated_data["email"])
        return Response({"email": selectors.email_preferences_of(user_id=request.user.pk)})
