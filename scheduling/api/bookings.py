"""The bookings API (SPEC §8): book and pay, list, answer, cancel, reschedule.

Who may do what: only clients book; a booking is visible to its client, and to its
expert once paid; anyone else gets 404 for it. A participant asking for the other
side's action gets 403, before its body is read (as reviews do); an action the
booking's status does not allow gets 409 ``illegal_transition`` with the status in
``fields.status``. Every answer is the booking as ``GET /api/v1/bookings/{id}`` shows it.

``POST /api/v1/bookings`` answers 400 for a start in the past, without an offset or off
the expert's 15-minute grid, and 409 ``slot_unavailable`` for a start the expert does
not offer, ``slot_taken`` when someone else holds that time (also the loser of a race),
``client_busy`` when the client has another call then; 503 when the payment provider
cannot be reached, 502 when it refuses or answers nonsense (nothing is kept either way).
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ExpertArea
from accounts.permissions import IsClient
from procusmeet.api.pagination import PagePagination
from procusmeet.api.schema import error_responses
from scheduling.api.serializers_bookings import AwareDateTimeField, BookingOut
from scheduling.bookings.errors import BookingInvalid
from scheduling.bookings.reschedules import (
    reschedule_accept,
    reschedule_decline,
    reschedule_propose,
    reschedule_withdraw,
)
from scheduling.bookings.selectors import booking_get_for, bookings_list
from scheduling.bookings.services import booking_create
from scheduling.bookings.steps import EXPERT, require_role
from scheduling.bookings.transitions import booking_accept, booking_cancel, booking_decline
from scheduling.models_booking import BookingStatus

REASON_MAX = 500


def _answer(request, booking, *, code: int = status.HTTP_200_OK) -> Response:
    fresh = booking_get_for(user=request.user, booking_id=booking.pk)
    return Response(BookingOut(fresh, context={"request": request}).data, status=code)


class BookingListApi(APIView):
    pagination_class = PagePagination  # so the schema shows the paginated envelope (GET)

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=BookingStatus.choices, required=False)

        class Meta:
            ref_name = "BookingFilter"

    class InputSerializer(serializers.Serializer):
        area = serializers.IntegerField(min_value=1, help_text="The id of the expert's area (service).")
        start = AwareDateTimeField(help_text="RFC 3339 with any offset; one of the slots the expert offers.")

        class Meta:
            ref_name = "BookingCreate"

    def get_permissions(self):
        return [IsAuthenticated(), IsClient()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(
        operation_id="bookings_list",
        parameters=[OpenApiParameter("status", str, enum=BookingStatus.values), OpenApiParameter("page", int)],
        responses={200: BookingOut(many=True), **error_responses(400, 401)},
        description="The caller's bookings, newest first (an expert's only once paid).",
    )
    def get(self, request):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = PagePagination()
        page = paginator.paginate_queryset(bookings_list(user=request.user, **query.validated_data), request, view=self)
        return paginator.get_paginated_response(BookingOut(page, many=True, context={"request": request}).data)

    @extend_schema(
        operation_id="bookings_create",
        request=InputSerializer,
        responses={201: BookingOut, **error_responses(400, 401, 403, 409, 502, 503)},
        description="Reserve the slot and open the payment: send the client to `payment.authorization_url`.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        area = ExpertArea.objects.filter(pk=serializer.validated_data["area"]).first()
        if area is None:
            raise BookingInvalid(_("No such service."), fields={"area": [_("No such service.")]})
        booking = booking_create(client=request.user, area=area, start=serializer.validated_data["start"])
        return _answer(request, booking, code=status.HTTP_201_CREATED)


class BookingDetailApi(APIView):
    @extend_schema(operation_id="bookings_retrieve", responses={200: BookingOut, **error_responses(401, 404)})
    def get(self, request, booking_id: int):
        return _answer(request, booking_get_for(user=request.user, booking_id=booking_id))


class _ReasonIn(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX, default="")

    class Meta:
        ref_name = "BookingReason"


class _StartIn(serializers.Serializer):
    start = AwareDateTimeField(help_text="RFC 3339 with any offset; a start the expert is free at.")

    class Meta:
        ref_name = "RescheduleStart"


_TRANSITION_ERRORS = error_responses(400, 401, 403, 404, 409)


class BookingAcceptApi(APIView):
    @extend_schema(operation_id="bookings_accept", request=None, responses={200: BookingOut, **_TRANSITION_ERRORS})
    def post(self, request, booking_id: int):
        booking = booking_get_for(user=request.user, booking_id=booking_id)
        return _answer(request, booking_accept(booking=booking, actor=request.user))


class BookingDeclineApi(APIView):
    @extend_schema(
        operation_id="bookings_decline", request=_ReasonIn, responses={200: BookingOut, **_TRANSITION_ERRORS}
    )
    def post(self, request, booking_id: int):
        booking = booking_get_for(user=request.user, booking_id=booking_id)
        require_role(booking, request.user, EXPERT)  # the client hears 403, whatever the body
        serializer = _ReasonIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _answer(request, booking_decline(booking=booking, actor=request.user, **serializer.validated_data))


class BookingCancelApi(APIView):
    @extend_schema(
        operation_id="bookings_cancel",
        request=_ReasonIn,
        responses={200: BookingOut, **_TRANSITION_ERRORS},
        description="Either side, before the call starts; a paid booking is refunded in full.",
    )
    def post(self, request, booking_id: int):
        booking = booking_get_for(user=request.user, booking_id=booking_id)
        serializer = _ReasonIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _answer(request, booking_cancel(booking=booking, actor=request.user, **serializer.validated_data))


class BookingRescheduleApi(APIView):
    @extend_schema(
        operation_id="bookings_reschedule_propose",
        request=_StartIn,
        responses={200: BookingOut, **_TRANSITION_ERRORS},
        description="The expert proposes a new start; the booking's `reschedule` shows it until the client answers.",
    )
    def post(self, request, booking_id: int):
        booking = booking_get_for(user=request.user, booking_id=booking_id)
        require_role(booking, request.user, EXPERT)  # the client hears 403, whatever the body
        serializer = _StartIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        reschedule_propose(booking=booking, actor=request.user, start=serializer.validated_data["start"])
        return _answer(request, booking)


class BookingRescheduleAcceptApi(APIView):
    @extend_schema(
        operation_id="bookings_reschedule_accept", request=None, responses={200: BookingOut, **_TRANSITION_ERRORS}
    )
    def post(self, request, booking_id: int):
        booking = booking_get_for(user=request.user, booking_id=booking_id)
        return _answer(request, reschedule_accept(booking=booking, actor=request.user))


class BookingRescheduleDeclineApi(APIView):
    @extend_schema(
        operation_id="bookings_reschedule_decline",
        request=None,
        responses={200: BookingOut, **_TRANSITION_ERRORS},
        description="The client declines the proposal: the booking is cancelled and refunded in full.",
    )
    def post(self, request, booking_id: int):
        booking = booking_get_for(user=request.user, booking_id=booking_id)
        return _answer(request, reschedule_decline(booking=booking, actor=request.user))


class BookingRescheduleWithdrawApi(APIView):
    @extend_schema(
        operation_id="bookings_reschedule_withdraw", request=None, responses={200: BookingOut, **_TRANSITION_ERRORS}
    )
    def post(self, request, booking_id: int):
        booking = booking_get_for(user=request.user, booking_id=booking_id)
        reschedule_withdraw(booking=booking, actor=request.user)
        return _answer(request, booking)
