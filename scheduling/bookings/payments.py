"""The booking's side of the escrow (SPEC §5).

A verified charge makes the request reach the expert (payment ``held``, an event on
the booking, the expert notified). A booking that ends without its call gives the money
back: a held payment is refunded after commit, an unpaid one is closed as ``failed``.
A charge that arrives after the booking ended, or that does not match, is returned.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from payments.errors import PaymentNotFound
from payments.models import Payment, PaymentStatus
from payments.refunds_reported import UNREFUNDED_STATUSES, payment_refund_reported
from payments.services import (
    HoldOutcome,
    payment_fail,
    payment_hold,
    payment_refund,
    payment_refund_update,
    payment_return_mismatched,
    payment_verify,
    payments_refunds_retry,
)
from scheduling.bookings import notify
from scheduling.bookings.states import ACTIVE_STATUSES, PENDING, REFUNDABLE_END_STATUSES, Action
from scheduling.bookings.steps import after_commit, booking_locked, event_record, transition_apply
from scheduling.models_booking import Booking

logger = logging.getLogger(__name__)
RETRY_BATCH = 100


def booking_payment_confirm(*, reference: str) -> Payment:
    """Verify the charge with the provider, then hold it (payment callback and
    ``charge.success`` webhook both land here; idempotent).

    The provider's errors (``PaymentProviderUnavailable``, ``PaymentProviderError``)
    propagate before anything changes, so the caller can say "try again later".
    """
    if not Payment.objects.filter(reference=reference).exists():
        raise PaymentNotFound(_("No such payment."))
    return _payment_confirmed(reference=reference, result=payment_verify(reference=reference))


@transaction.atomic
def _payment_confirmed(*, reference: str, result) -> Payment:
    booking_id = Booking.objects.filter(call__payment__reference=reference).values_list("pk", flat=True).get()
    booking = booking_locked(booking_id)
    hold = payment_hold(reference=reference, result=result)
    if hold.outcome == HoldOutcome.HELD:
        _held(booking, hold.payment)
    elif hold.outcome == HoldOutcome.MISMATCH:
        _mismatched(booking, hold.payment)
    return hold.payment


def _held(booking: Booking, payment: Payment) -> None:
    data = {"reference": payment.reference, "amount": payment.amount, "currency": payment.currency}
    if booking.status == PENDING:
        transition_apply(booking, action=Action.PAYMENT_HELD, actor=None, data=data)
        after_commit(notify.booking_requested, booking)
        return
    # Paid after the booking ended (it expired or was cancelled unpaid): give it back.
    event_record(
        booking, actor=None, action=Action.PAYMENT_HELD, from_status=booking.status, data={**data, "late": True}
    )
    after_commit(booking_refund, booking_id=booking.pk)


def _mismatched(booking: Booking, payment: Payment) -> None:
    data = {"reference": payment.reference, "reason": payment.failure_reason}
    if booking.status == PENDING:
        transition_apply(booking, action=Action.PAYMENT_MISMATCH, actor=None, data=data)
        after_commit(notify.booking_cancelled, booking, by_user_id=None)
    after_commit(payment_return_mismatched, payment_id=payment.pk)


def booking_money_return(booking: Booking, *, reason: str) -> None:
    """For a booking that just ended without its call (inside its transaction): refund
    a held payment once committed, or close an unpaid one."""
    payment = Payment.objects.filter(call_id=booking.call_id).only("pk", "status").first()
    if payment is None:
        return
    if payment.status == PaymentStatus.HELD:
        after_commit(booking_refund, booking_id=booking.pk)
    elif payment.status == PaymentStatus.PENDING:
        payment_fail(payment_id=payment.pk, reason=reason)


@transaction.atomic
def booking_refund(*, booking_id: int) -> Payment:
    """Refund the booking's held payment in full (idempotent) and note it on the booking.

    A refund the provider refuses leaves the payment held with its error recorded;
    ``booking_refunds_retry`` tries again.
    """
    booking = booking_locked(booking_id)  # booking before payment, like every other service
    payment = Payment.objects.select_for_update().get(call_id=booking.call_id)
    was_held = payment.status == PaymentStatus.HELD
    payment = payment_refund(payment_id=payment.pk)
    if was_held and payment.status == PaymentStatus.REFUNDED:
        data = {"amount": payment.amount, "currency": payment.currency, "refund_status": payment.refund_status}
        event_record(booking, actor=None, action=Action.REFUNDED, from_status=booking.status, data=data)
        after_commit(notify.payment_refunded, booking)
    return payment


def booking_refund_reported(*, reference: str, status: str, amount=None, currency=None) -> Payment:
    """A ``refund.*`` webhook named this charge (idempotent).

    Usually it reports on a refund we made. A ``refund.processed`` for a payment we still
    hold (refunded in the provider's dashboard, or our request's answer was lost) is
    verified with the provider, then the payment is refunded and a booking still on is
    cancelled, since its money is gone. ``PaymentNotFound`` for charges that are not ours.
    """
    payment = Payment.objects.filter(reference=reference).only("status").first()
    if payment is None:
        raise PaymentNotFound(_("No such payment."))
    if status != "processed" or payment.status not in UNREFUNDED_STATUSES:
        return payment_refund_update(reference=reference, status=status)
    result = payment_verify(reference=reference)  # network first, with no lock held
    return _refunded_at_provider(reference=reference, result=result, amount=amount, currency=currency)


@transaction.atomic
def _refunded_at_provider(*, reference: str, result, amount, currency) -> Payment:
    booking_id = Booking.objects.filter(call__payment__reference=reference).values_list("pk", flat=True).get()
    booking = booking_locked(booking_id)  # booking before payment, like every other service
    payment, refunded_now = payment_refund_reported(
        reference=reference, result=result, amount=amount, currency=currency
    )
    if not refunded_now:
        return payment
    if booking.status in ACTIVE_STATUSES:
        reason = _("The payment was refunded at the payment provider.")
        data = {"reason": reason, "by": "provider"}
        transition_apply(booking, action=Action.CANCEL, actor=None, data=data, fields={"cancel_reason": reason})
        after_commit(notify.booking_cancelled, booking, by_user_id=None)
    data = {"amount": payment.amount, "currency": payment.currency, "refund_status": payment.refund_status}
    event_record(booking, actor=None, action=Action.REFUNDED, from_status=booking.status, data=data)
    after_commit(notify.payment_refunded, booking)
    return payment


def booking_refunds_retry() -> int:
    """Refund again every held payment whose booking ended without its call (a job runs
    this; refunds that failed before, or were never attempted, go through), then the
    money owed back outside bookings (``payments_refunds_retry``: mismatched charges,
    refunds the provider reported failed). Returns how many went through now."""
    booking_ids = Booking.objects.filter(
        status__in=REFUNDABLE_END_STATUSES, call__payment__status=PaymentStatus.HELD
    ).values_list("pk", flat=True)[:RETRY_BATCH]
    refunded = 0
    for booking_id in booking_ids:
        refunded += booking_refund(booking_id=booking_id).status == PaymentStatus.REFUNDED
    if refunded:
        logger.info("booking refunds retried refunded=%s", refunded)
    return refunded + payments_refunds_retry()
