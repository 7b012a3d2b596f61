"""What the staff dashboard shows: today's bookings, calls in progress and what failed."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from calls.models import Call, CallStatus
from ops.models import AuditEntry
from payments.models import Payment, PaymentStatus, WebhookEvent
from payments.models_payouts import Payout, PayoutStatus
from scheduling.models_booking import Booking

LIMIT = 50
FAILED_PAYMENTS_DAYS = 7


@dataclass(frozen=True)
class StaffOverview:
    day_start: dt.datetime
    todays_bookings: list[Booking]
    todays_counts: dict[str, int]
    calls_in_progress: list[Call]
    failed_payments: list[Payment]
    refunds_needing_attention: list[Payment]
    failed_payouts: list[Payout]
    webhook_failures: list[WebhookEvent]
    recent_audit: list[AuditEntry]


def _utc_day(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    start = now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + dt.timedelta(days=1)


def staff_overview(*, now: dt.datetime) -> StaffOverview:
    """Everything on ``/staff/`` in a fixed number of queries (at most ``LIMIT`` rows each)."""
    start, end = _utc_day(now)
    todays = list(
        Booking.objects.filter(call__scheduled_start__gte=start, call__scheduled_start__lt=end)
        .select_related("call__expert", "call__client", "call__area", "call__payment")
        .order_by("call__scheduled_start", "pk")[:LIMIT]
    )
    return StaffOverview(
        day_start=start,
        todays_bookings=todays,
        todays_counts=dict(Counter(booking.status for booking in todays)),
        calls_in_progress=list(
            Call.objects.filter(status=CallStatus.IN_PROGRESS)
            .select_related("expert", "client")
            .order_by("scheduled_start")[:LIMIT]
        ),
        failed_payments=list(
            Payment.objects.filter(
                status=PaymentStatus.FAILED, updated_at__gte=now - dt.timedelta(days=FAILED_PAYMENTS_DAYS)
            )
            .select_related("call__client")
            .order_by("-updated_at")[:LIMIT]
        ),
        refunds_needing_attention=list(
            Payment.objects.filter(~Q(refund_error="") | Q(refund_status__in=["failed", "needs-attention"]))
            .select_related("call__client")
            .order_by("-updated_at")[:LIMIT]
        ),
        failed_payouts=list(
            Payout.objects.filter(status=PayoutStatus.FAILED).select_related("expert").order_by("-updated_at")[:LIMIT]
        ),
        webhook_failures=list(
            WebhookEvent.objects.filter(processed_at__isnull=True, attempts__gt=0).order_by("-received_at")[:LIMIT]
        ),
        recent_audit=list(AuditEntry.objects.order_by("-at", "-pk")[:10]),
    )
