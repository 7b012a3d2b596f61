"""Answering, cancelling and expiring bookings (SPEC §3): each a guarded transition.

Every function locks the booking, checks who asks (404 for strangers, 403 for the
wrong side) and the state machine (409 naming the current status), writes the change
and its event, and leaves refunds and notifications to ``transaction.on_commit``.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from payments.models import Payment, PaymentStatus
from scheduling.bookings import notify
from scheduling.bookings.errors import PaymentNotHeld
from scheduling.bookings.payments import booking_money_return, booking_refund
from scheduling.bookings.states import ACTIVE_STATUSES, PENDING, Action
from scheduling.bookings.steps import (
    EXPERT,
    after_commit,
    booking_locked,
    guard,
    participant_role,
    require_not_started,
    require_role,
    role_of,
    transition_apply,
)
from scheduling.models_booking import Booking

REASON_MAX = 500
EXPIRY_BATCH = 200


def _reason(text: str | None) -> str:
    return (text or "").strip()[:REASON_MAX]


@transaction.atomic
def booking_accept(*, booking: Booking, actor, now: dt.datetime | None = None) -> Booking:
    """The expert takes the paid request: ``pending`` → ``confirmed``. Only before the
    call's start: a request unanswered by then expires (409 ``too_late``)."""
    booking = booking_locked(booking.pk)
    require_role(booking, actor, EXPERT)
    guard(booking, Action.ACCEPT)
    message = _("The call's start has passed, so this request can no longer be accepted.")
    require_not_started(booking, now=now or timezone.now(), message=message)
    if not Payment.objects.filter(call_id=booking.call_id, status=PaymentStatus.HELD).exists():
        raise PaymentNotHeld(_("This booking is not paid yet."))
    transition_apply(booking, action=Action.ACCEPT, actor=actor)
    after_commit(notify.booking_accepted, booking)
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking, actor, reason: str = "", now: dt.datetime | None = None) -> Booking:
    """The expert turns the request down: ``declined``, call cancelled, full refund.
    Only before the call's start, like accepting: from then on the unanswered request
    expires (409 ``too_late``; the expiry job records it as ``expired``)."""
    booking = booking_locked(booking.pk)
    require_role(booking, actor, EXPERT)
    guard(booking, Action.DECLINE)
    message = _("The call's start has passed, so this request has expired and can no longer be declined.")
    require_not_started(booking, now=now or timezone.now(), message=message)
    reason = _reason(reason)
    data = {"reason": reason}
    transition_apply(booking, action=Action.DECLINE, actor=actor, data=data, fields={"decline_reason": reason})
    booking_money_return(booking, reason="declined")
    after_commit(notify.booking_declined, booking)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, actor, reason: str = "", now: dt.datetime | None = None) -> Booking:
    """Either side calls it off before the call starts: ``cancelled``, full refund.

    Staff (admin) may cancel at any time, for instance after a reported problem.
    """
    booking = booking_locked(booking.pk)
    by_staff = role_of(booking, actor) is None and getattr(actor, "is_staff", False)
    role = "staff" if by_staff else participant_role(booking, actor)
    guard(booking, Action.CANCEL)
    if not by_staff:
        message = _("The call has already started, so it can no longer be cancelled.")
        require_not_started(booking, now=now or timezone.now(), message=message)
    reason = _reason(reason)
    data = {"reason": reason, "by": role}
    transition_apply(booking, action=Action.CANCEL, actor=actor, data=data, fields={"cancel_reason": reason})
    booking_money_return(booking, reason="cancelled before payment")
    after_commit(notify.booking_cancelled, booking, by_user_id=actor.pk)
    return booking


def booking_refund_by_staff(*, payment: Payment, staff) -> Payment:
    """Admin's "refund payment": cancel the booking if it is still on (which refunds),
    otherwise retry the refund of a booking that has ended."""
    booking = Booking.objects.get(call_id=payment.call_id)
    if booking.status in ACTIVE_STATUSES:
        booking_cancel(booking=booking, actor=staff, reason=_("Refunded by the ProcusMeet team."))
    else:
        booking_refund(booking_id=booking.pk)
    return Payment.objects.get(pk=payment.pk)


def booking_expire_unpaid(*, now: dt.datetime | None = None) -> int:
    """Expire pending bookings whose payment was not completed in time
    (``BOOKING_PAYMENT_MINUTES``, 30 by default): the slot is free again. Idempotent;
    returns how many expired now."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.BOOKING_PAYMENT_MINUTES)
    due = Booking.objects.filter(status=PENDING, call__payment__status=PaymentStatus.PENDING, created_at__lte=cutoff)

    def still_due(booking: Booking, payment: Payment) -> bool:
        return payment.status == PaymentStatus.PENDING and booking.created_at <= cutoff

    return sum(
        _expire(pk, Action.EXPIRE_UNPAID, still_due, now) for pk in due.values_list("pk", flat=True)[:EXPIRY_BATCH]
    )


def booking_expire_unanswered(*, now: dt.datetime | None = None) -> int:
    """Expire pending bookings the expert has not answered by the call's start, and
    refund them. Idempotent; returns how many expired now."""
    now = now or timezone.now()
    due = Booking.objects.filter(status=PENDING, call__scheduled_start__lte=now)

    def still_due(booking: Booking, payment: Payment) -> bool:
        return booking.call.scheduled_start <= now

    return sum(
        _expire(pk, Action.EXPIRE_UNANSWERED, still_due, now) for pk in due.values_list("pk", flat=True)[:EXPIRY_BATCH]
    )


@transaction.atomic
def _expire(booking_id: int, action: Action, still_due, now: dt.datetime) -> bool:
    """Expire one booking if, under its lock, it is still pending and still due."""
    booking = booking_locked(booking_id)
    payment = Payment.objects.get(call_id=booking.call_id)
    if booking.status != PENDING or not still_due(booking, payment):
        return False
    paid = payment.held_at is not None
    transition_apply(booking, action=action, actor=None, data={"at": now.isoformat()})
    booking_money_return(booking, reason="expired unpaid")
    after_commit(notify.booking_expired, booking, paid=paid)
    return True
