"""Shapes of the bookings API: one booking object everywhere (list, detail, transitions).

``call`` is a small object ``{id, status, scheduled_start, duration_minutes}`` rather
than a bare id, so a client can show the call without a second request. Times are RFC
3339 in UTC; money is integer minor units with its currency. ``payment.authorization_url``
is only given to the client, and only while the payment is pending.
"""

import re

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from payments.models import PaymentStatus
from scheduling.bookings.selectors import open_proposal_of
from scheduling.models_booking import BookingStatus

_OFFSET = re.compile(r"[+-](?P<hours>\d{2}):?(?P<minutes>\d{2})$")
# RFC 3339's date-time (upper-cased; its note allows a space for "T"), lenient only where
# common clients differ (seconds left out, "+0100" from strftime's %z). Python's parser
# behind parse_datetime takes far more (ISO week dates, a NUL before the "Z", non-ASCII
# digits...), which an integrator's bug should not turn into a booking.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})", re.ASCII)


class AwareDateTimeField(serializers.DateTimeField):
    """RFC 3339 with its offset (any offset); a time without one is refused, not guessed."""

    default_error_messages = {
        "naive": _("Include a UTC offset, e.g. 2026-10-21T09:00:00+01:00 or …Z."),
        "offset": _("The UTC offset must lie between -23:59 and +23:59."),
        "impossible": _("That date or time does not exist."),
        "rfc3339": _("Use RFC 3339, e.g. 2026-10-21T09:00:00+01:00 or …Z."),
    }

    def to_internal_value(self, value):
        if isinstance(value, str):
            value = value.strip().upper()  # RFC 3339 also allows a lower-case "t" and "z"
            try:
                parsed = parse_datetime(value)
            except ValueError:  # well-formed, but not a real instant: +25:00, or 30 February
                offset = _OFFSET.search(value)
                if offset and (int(offset["hours"]) > 23 or int(offset["minutes"]) > 59):
                    self.fail("offset")
                self.fail("impossible")
            if parsed is not None and parsed.tzinfo is None:
                self.fail("naive")
            if not _RFC3339.fullmatch(value):
                self.fail("rfc3339")
        return super().to_internal_value(value)


class CallOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    scheduled_start = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField()

    class Meta:
        ref_name = "BookingCall"


class AreaOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()

    class Meta:
        ref_name = "BookingArea"


class ExpertOut(serializers.Serializer):
    id = serializers.IntegerField(help_text="The expert's public id (as in /api/v1/experts/{id}).")
    user_id = serializers.IntegerField()
    display_name = serializers.CharField()
    slug = serializers.CharField()

    class Meta:
        ref_name = "BookingExpert"


class ClientOut(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()

    class Meta:
        ref_name = "BookingClient"


class PaymentOut(serializers.Serializer):
    status = serializers.ChoiceField(choices=PaymentStatus.choices)
    authorization_url = serializers.SerializerMethodField(help_text="Where the client pays; null once paid.")
    reference = serializers.CharField()
    amount = serializers.IntegerField()
    currency = serializers.CharField()
    refund_status = serializers.CharField(help_text="The provider's refund status once a refund was asked for.")

    class Meta:
        ref_name = "BookingPayment"

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_authorization_url(self, payment):
        request = self.context.get("request")
        if payment.status != PaymentStatus.PENDING or request is None or request.user.pk != payment.call.client_id:
            return None
        return request.build_absolute_uri(payment.authorization_url)


class RescheduleOut(serializers.Serializer):
    id = serializers.IntegerField()
    proposed_start = serializers.DateTimeField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "BookingReschedule"


class BookingOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=BookingStatus.choices)
    call = CallOut()
    area = AreaOut(source="call.area")
    expert = ExpertOut(source="call.expert.expert_profile")
    client = ClientOut(source="call.client")
    start = serializers.DateTimeField(source="call.scheduled_start")
    end = serializers.DateTimeField(source="call.scheduled_end")
    duration_minutes = serializers.IntegerField(source="call.duration_minutes")
    price = serializers.IntegerField(source="call.payment.amount", help_text="Integer minor units of `currency`.")
    currency = serializers.CharField(source="call.payment.currency")
    payment = PaymentOut(source="call.payment")
    reschedule = serializers.SerializerMethodField(help_text="The expert's open proposal of a new start, if any.")
    decline_reason = serializers.CharField()
    cancel_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    class Meta:
        ref_name = "Booking"

    @extend_schema_field(RescheduleOut(allow_null=True))
    def get_reschedule(self, booking):
        proposal = open_proposal_of(booking)
        return RescheduleOut(proposal).data if proposal else None
