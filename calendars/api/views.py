"""Calendar sync in the API: the private feed address, external calendars, and a
booking as an ``.ics`` file."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import OnlyKnownFields
from accounts.permissions import IsExpert
from calendars import selectors, services
from calendars.errors import CalendarNotFound
from calendars.invites import booking_google_link, booking_ics_download
from procusmeet.api.fields import TextField
from procusmeet.api.schema import error_responses


class FeedApi(APIView):
    class OutputSerializer(serializers.Serializer):
        url = serializers.CharField(allow_null=True, help_text="Private feed address, or null when turned off.")

        class Meta:
            ref_name = "CalendarFeed"

    def _answer(self, request, feed, code=status.HTTP_200_OK):
        url = request.build_absolute_uri(reverse("calendars:feed", args=[feed.token])) if feed else None
        return Response({"url": url}, status=code)

    @extend_schema(operation_id="calendar_feed", responses={200: OutputSerializer, **error_responses(401)})
    def get(self, request):
        return self._answer(request, selectors.feed_of(user=request.user))

    @extend_schema(
        operation_id="calendar_feed_regenerate",
        request=None,
        responses={201: OutputSerializer, **error_responses(401)},
        description="A new private address of your calls (ICS); any older one stops working.",
    )
    def post(self, request):
        return self._answer(request, services.feed_token_regenerate(user=request.user), status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="calendar_feed_revoke",
        responses={204: OpenApiResponse(description="The address no longer works."), **error_responses(401)},
    )
    def delete(self, request):
        services.feed_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExternalCalendarSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    last_fetched_at = serializers.DateTimeField(allow_null=True)
    last_success_at = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField()
    busy_count = serializers.IntegerField()
    healthy = serializers.BooleanField()

    class Meta:
        ref_name = "ExternalCalendar"


class ExternalCalendarListApi(APIView):
    permission_classes = [IsExpert]

    class InputSerializer(OnlyKnownFields):
        name = TextField(max_length=80, required=False, allow_blank=True, default="")
        url = TextField(max_length=1000, help_text="The calendar's secret ICS address (https or webcal).")

        class Meta:
            ref_name = "ExternalCalendarCreate"

    @extend_schema(
        operation_id="expert_calendars_list",
        responses={200: ExternalCalendarSerializer(many=True), **error_responses(401, 403)},
        description="Your external calendars and their health. The secret addresses are never shown again.",
    )
    def get(self, request):
        calendars = selectors.external_calendars_of(user=request.user)
        return Response(ExternalCalendarSerializer(calendars, many=True).data)

    @extend_schema(
        operation_id="expert_calendars_create",
        request=InputSerializer,
        responses={201: ExternalCalendarSerializer, **error_responses(400, 401, 403)},
        description="Connect a calendar; it is fetched at once and every 15 minutes, and its busy times block slots.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        calendar = services.external_calendar_add(user=request.user, **serializer.validated_data)
        calendar.refresh_from_db()
        return Response(ExternalCalendarSerializer(calendar).data, status=status.HTTP_201_CREATED)


class ExternalCalendarDetailApi(APIView):
    permission_classes = [IsExpert]

    @extend_schema(
        operation_id="expert_calendars_delete",
        responses={204: OpenApiResponse(description="Removed."), **error_responses(401, 403, 404)},
    )
    def delete(self, request, calendar_id: int):
        services.external_calendar_remove(user=request.user, calendar_id=calendar_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExternalCalendarRefreshApi(APIView):
    permission_classes = [IsExpert]

    @extend_schema(
        operation_id="expert_calendars_refresh",
        request=None,
        responses={200: ExternalCalendarSerializer, **error_responses(401, 403, 404)},
        description="Fetch the calendar now and answer its health afterwards. At most once a minute per "
        "calendar: within the minute the calendar's current health answers, without a new fetch.",
    )
    def post(self, request, calendar_id: int):
        if not selectors.external_calendars_of(user=request.user).filter(pk=calendar_id).exists():
            raise CalendarNotFound(_("No such calendar."))
        calendar = services.external_calendar_refresh_on_demand(calendar_id=calendar_id)
        if calendar is None:  # removed (another tab, another device) while it was fetched
            raise CalendarNotFound(_("No such calendar."))
        return Response(ExternalCalendarSerializer(calendar).data)


class CalendarRenderer(BaseRenderer):
    """Lets ``Accept: text/calendar`` through content negotiation. The view answers the
    finished document itself; its errors are rendered as JSON (``handle_exception``)."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class BookingCalendarApi(APIView):
    renderer_classes = [JSONRenderer, CalendarRenderer]

    def handle_exception(self, exc):
        # An error is JSON in the one error shape whatever the client accepts: a body
        # labelled text/calendar that holds JSON is neither (and 406 is no exception).
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        operation_id="bookings_calendar",
        responses={
            (200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="The booking as one iCalendar event."),
            **error_responses(401, 404),
        },
        description="Add-to-calendar file of one of your bookings; the `Link` header has the Google Calendar address.",
    )
    def get(self, request, booking_id: int):
        from scheduling.bookings.selectors import booking_get_for

        booking = booking_get_for(user=request.user, booking_id=booking_id)
        response = HttpResponse(booking_ics_download(booking, viewer=request.user), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="procusmeet-booking-{booking.pk}.ics"'
        response["Link"] = f'<{booking_google_link(booking, viewer=request.user)}>; rel="alternate"; title="Google Calendar"'
        return response
