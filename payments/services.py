"""Every write to a payment: open the charge, hold it, refund it, release it (SPEC §5).

These functions know payments and the provider, not bookings; the booking lifecycle
(``scheduling.bookings``) calls them and reacts to what they report. Money only moves
after a server-side verify (``payment_verify``): a callback or webhook is a hint, the
provider's answer is the truth. Refunds and releases are idempotent.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from payments.errors import (
    PaymentNotFound,
    PaymentProviderError,
    PaymentProviderUnavailable,
    PaymentStateConflict,
    PaymentWebhookPayloadInvalid,
    PaymentWebhookSignatureInvalid,
)
from payments.fees import fee_split
from payments.models import Payment, PaymentStatus, WebhookEvent
from payments.providers import get_provider
from payments.providers.base import ChargeResult
from payments.webhooks import webhook_dedupe_key, webhook_payload_parse

logger = logging.getLogger(__name__)

# Paystack's status of a transaction refunded in full.
CHARGE_REVERSED = "reversed"
_ERROR_MAX = 300
# A failed webhook is retried once it is this old (the first attempt ran on delivery).
WEBHOOK_RETRY_DELAY = timedelta(minutes=1)


def payment_callback_url() -> str:
    """Where the checkout sends the payer back (absolute: Paystack is another site)."""
    return settings.SITE_URL + reverse("payments:callback")


def payment_reference_new(*, call_id: int) -> str:
    """``pm-<call id>-<random>``: ours, readable in the provider's dashboard, and never
    reused even when a development database starts its ids again."""
    return f"pm-{call_id}-{secrets.token_hex(6)}"


def payment_create(*, call, amount: int, currency: str, email: str) -> Payment:
    """Open the provider's checkout for ``call`` and record the pending payment.

    Meant to run inside the booking's transaction: when the provider cannot be reached
    (``PaymentProviderUnavailable``) or refuses (``PaymentProviderError``) the error
    propagates and the whole booking rolls back, leaving nothing behind.
    """
    provider = get_provider()
    charge = provider.prepare(
        amount=amount,
        currency=currency,
        email=email,
        callback_url=payment_callback_url(),
        metadata={"call_id": call.pk},
        reference=payment_reference_new(call_id=call.pk),
    )
    checkout = provider.charge_initialize(charge)
    return Payment.objects.create(
        call=call,
        amount=amount,
        currency=currency,
        provider=provider.name,
        reference=charge.reference,
        authorization_url=checkout.authorization_url,
    )


def payment_verify(*, reference: str) -> ChargeResult:
    """Ask the provider what became of the charge (network; no lock held)."""
    return get_provider().charge_verify(reference)


class HoldOutcome(StrEnum):
    HELD = "held"  # the money is in escrow now
    ALREADY = "already"  # held (or later) before: nothing changed
    UNPAID = "unpaid"  # the provider has no successful charge yet
    MISMATCH = "mismatch"  # paid, but not the amount or currency we asked for


@dataclass(frozen=True)
class HoldResult:
    payment: Payment
    outcome: HoldOutcome


def _locked(*, reference: str | None = None, payment_id: int | None = None) -> Payment:
    lookup = {"reference": reference} if reference is not None else {"pk": payment_id}
    try:
        return Payment.objects.select_for_update().get(**lookup)
    except Payment.DoesNotExist:
        raise PaymentNotFound(_("No such payment.")) from None


@transaction.atomic
def payment_hold(*, reference: str, result: ChargeResult) -> HoldResult:
    """Move the payment to ``held`` when the verified charge succeeded for exactly our
    amount and currency; a mismatch marks it ``failed`` (never give value for it).

    ``failed`` payments may still become held: a charge that succeeds after the booking
    expired unpaid is kept in escrow so the caller can refund it. Idempotent.
    """
    payment = _locked(reference=reference)
    if payment.status in {PaymentStatus.HELD, PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED}:
        return HoldResult(payment, HoldOutcome.ALREADY)
    if not result.succeeded or result.reference != payment.reference:
        return HoldResult(payment, HoldOutcome.UNPAID)
    if not result.matches(amount=payment.amount, currency=payment.currency):
        if payment.failure_reason.startswith("mismatch"):
            return HoldResult(payment, HoldOutcome.ALREADY)
        payment.status = PaymentStatus.FAILED
        payment.failure_reason = (
            f"mismatch: charged {result.amount} {result.currency}, expected {payment.amount} {payment.currency}"
        )[:_ERROR_MAX]
        payment.save(update_fields=["status", "failure_reason", "updated_at"])
        logger.warning("payment mismatch reference=%s %s", payment.reference, payment.failure_reason)
        return HoldResult(payment, HoldOutcome.MISMATCH)
    payment.status = PaymentStatus.HELD
    payment.held_at = timezone.now()
    payment.failure_reason = ""
    payment.save(update_fields=["status", "held_at", "failure_reason", "updated_at"])
    logger.info("payment held reference=%s amount=%s currency=%s", payment.reference, payment.amount, payment.currency)
    return HoldResult(payment, HoldOutcome.HELD)


@transaction.atomic
def payment_fail(*, payment_id: int, reason: str) -> Payment:
    """A charge that will never be asked for again (booking expired or cancelled unpaid)."""
    payment = _locked(payment_id=payment_id)
    if payment.status == PaymentStatus.PENDING:
        payment.status = PaymentStatus.FAILED
        payment.failure_reason = reason[:_ERROR_MAX]
        payment.save(update_fields=["status", "failure_reason", "updated_at"])
    return payment


def _provider_refund(payment: Payment) -> str | None:
    """Ask the provider for a full refund; the refund's status, or None after recording
    why it failed. A charge the provider already reversed counts as refunded (an earlier
    attempt went through but our answer was lost)."""
    provider = get_provider()
    try:
        return provider.refund(payment.reference).status
    except (PaymentProviderUnavailable, PaymentProviderError) as error:
        failure = error
    try:
        if provider.charge_verify(payment.reference).status == CHARGE_REVERSED:
            return "processed"
    except (PaymentProviderUnavailable, PaymentProviderError):
        pass
    payment.refund_error = str(failure.message)[:_ERROR_MAX]
    logger.error("payment refund failed reference=%s error=%s", payment.reference, payment.refund_error)
    return None


@transaction.atomic
def payment_refund(*, payment_id: int) -> Payment:
    """Refund a held payment in full through the provider; ``refunded`` when accepted.

    Idempotent: a refunded payment is returned as it is, and so is one that never took
    money. Provider failures never raise: the payment stays ``held`` with
    ``refund_error`` set (admin shows it; ``booking_refunds_retry`` tries again).
    """
    payment = _locked(payment_id=payment_id)
    if payment.status != PaymentStatus.HELD:
        if payment.status == PaymentStatus.SUCCEEDED:
            raise PaymentStateConflict(_("This payment was already paid out to the expert."))
        return payment
    refund_status = _provider_refund(payment)
    if refund_status is None:
        payment.save(update_fields=["refund_error", "updated_at"])
        return payment
    payment.status = PaymentStatus.REFUNDED
    payment.refunded_at = timezone.now()
    payment.refund_status = refund_status
    payment.refund_error = ""
    payment.save(update_fields=["status", "refunded_at", "refund_status", "refund_error", "updated_at"])
    logger.info("payment refunded reference=%s refund_status=%s", payment.reference, refund_status)
    return payment


@transaction.atomic
def payment_return_mismatched(*, payment_id: int) -> Payment:
    """Give back a charge that did not match what we asked (the payment stays ``failed``)."""
    payment = _locked(payment_id=payment_id)
    if payment.status != PaymentStatus.FAILED or payment.refund_status:
        return payment
    refund_status = _provider_refund(payment)
    payment.refund_status = refund_status or ""
    payment.save(update_fields=["refund_status", "refund_error", "updated_at"])
    return payment


@transaction.atomic
def payment_refund_again(*, payment_id: int) -> Payment:
    """Ask the provider again for a refund it reported as failed (``refund.failed``);
    the payment stays ``refunded`` in our books, only the provider's answer changes."""
    payment = _locked(payment_id=payment_id)
    if payment.status != PaymentStatus.REFUNDED or payment.refund_status != "failed":
        return payment
    refund_status = _provider_refund(payment)
    if refund_status is not None:
        payment.refund_status, payment.refund_error = refund_status, ""
    payment.save(update_fields=["refund_status", "refund_error", "updated_at"])
    return payment


def payments_refunds_retry(*, batch: int = 100) -> int:
    """Money still owed back outside the booking flow (a job runs this): charges of the
    wrong amount whose refund never went through, and refunds the provider reported as
    failed. Returns how many the provider accepted now."""
    mismatched = Payment.objects.filter(
        status=PaymentStatus.FAILED, failure_reason__startswith="mismatch", refund_status=""
    ).values_list("pk", flat=True)[:batch]
    failed = Payment.objects.filter(status=PaymentStatus.REFUNDED, refund_status="failed").values_list(
        "pk", flat=True
    )[:batch]
    accepted = sum(bool(payment_return_mismatched(payment_id=pk).refund_status) for pk in mismatched)
    accepted += sum(payment_refund_again(payment_id=pk).refund_status != "failed" for pk in failed)
    if accepted:
        logger.info("payment refunds retried accepted=%s", accepted)
    return accepted


@transaction.atomic
def payment_refund_update(*, reference: str, status: str) -> Payment | None:
    """Record what the provider says became of a refund (``refund.*`` webhooks).

    A failed refund is flagged for the operations team; unknown references are ignored.
    """
    payment = Payment.objects.select_for_update().filter(reference=reference).first()
    if payment is None:
        logger.warning("refund update for an unknown payment reference=%s status=%s", reference, status)
        return None
    if payment.refund_status == "processed" and status in {"pending", "processing"}:
        # Deliveries can arrive out of order: a late refund.pending never undoes "processed".
        logger.info("refund update after processed ignored reference=%s status=%s", reference, status)
        return payment
    payment.refund_status = status[:20]
    if status in {"failed", "needs-attention"}:
        payment.refund_error = _("The provider reports the refund as %(status)s.") % {"status": status}
    payment.save(update_fields=["refund_status", "refund_error", "updated_at"])
    return payment


@transaction.atomic
def payment_release(*, payment_id: int) -> Payment:
    """The call took place: the held money is the expert's, less the platform fee.

    Sets ``platform_fee`` (``PLATFORM_FEE_PERCENT``, rounded half-up) and
    ``expert_share``; idempotent for an already released payment.
    """
    payment = _locked(payment_id=payment_id)
    if payment.status == PaymentStatus.SUCCEEDED:
        return payment
    if payment.status != PaymentStatus.HELD:
        raise PaymentStateConflict(_("Only a payment held in escrow can be released."))
    split = fee_split(amount=payment.amount, percent=settings.PLATFORM_FEE_PERCENT)
    payment.status = PaymentStatus.SUCCEEDED
    payment.platform_fee = split.fee
    payment.expert_share = split.expert_share
    payment.released_at = timezone.now()
    payment.save(update_fields=["status", "platform_fee", "expert_share", "released_at", "updated_at"])
    return payment


# --- Webhooks ---------------------------------------------------------------------------


def paystack_webhook_receive(*, body: bytes, signature: str | None) -> str:
    """Take one Paystack webhook delivery (the endpoint and the test provider call this).

    The signature is checked on the raw body before anything else; a bad one raises
    ``PaymentWebhookSignatureInvalid`` and changes nothing. Each event is stored once
    per dedupe key, so a repeated delivery has no second effect. Returns what happened:
    ``processed``, ``duplicate``, ``ignored`` (nothing we act on) or ``failed`` (stored;
    ``webhook_events_retry`` tries again).
    """
    provider = get_provider()
    if not provider.webhook_signature_valid(body, signature):
        logger.warning("webhook refused: bad signature provider=%s", provider.name)
        raise PaymentWebhookSignatureInvalid(_("The webhook signature is not valid."))
    try:
        payload = webhook_payload_parse(body)
    except ValueError:
        raise PaymentWebhookPayloadInvalid(_("The webhook body is not JSON.")) from None
    if not isinstance(payload, dict):  # a list, a string, a number: no event at all
        raise PaymentWebhookPayloadInvalid(_("The webhook body is not a Paystack event."))
    try:
        key = webhook_dedupe_key(payload)
    except ValueError:
        logger.info("webhook ignored: no event or reference")
        return "ignored"
    event, _created = WebhookEvent.objects.get_or_create(
        provider=provider.name, dedupe_key=key[:200], defaults={"event": str(payload["event"])[:60], "payload": payload}
    )
    if event.processed_at is not None:
        logger.info("webhook duplicate key=%s", key)
        return "duplicate"
    return webhook_event_process(event=event)


def _charge_success(data: dict) -> None:
    # Imported here: the booking lifecycle builds on this module, not the other way round.
    from scheduling.bookings.payments import booking_payment_confirm

    booking_payment_confirm(reference=_named_reference(data, "reference"))


def _named_reference(data: dict, field: str) -> str:
    # An event without the reference we key on cannot be ours: ignore it rather than
    # store it as failed and retry it in vain.
    value = data.get(field)
    if value in (None, ""):
        raise PaymentNotFound(f"the event names no {field}")
    return str(value)


def _refund_update(data: dict) -> None:
    from scheduling.bookings.payments import booking_refund_reported  # as for charge.success

    booking_refund_reported(
        reference=_named_reference(data, "transaction_reference"),
        status=str(data.get("status") or ""),
        amount=data.get("amount"),
        currency=data.get("currency"),
    )


def _transfer_update(data: dict) -> None:
    from payments.payout_services import payout_transfer_update  # payouts build on this module

    if payout_transfer_update(reference=_named_reference(data, "reference")) is None:
        raise PaymentNotFound("no payout has this reference")  # another product's transfer


TRANSFER_EVENTS = frozenset({"transfer.success", "transfer.failed", "transfer.reversed"})


def _handler_for(event: str):
    """What we do for an event; None for events ProcusMeet does not act on (yet)."""
    if event == "charge.success":
        return _charge_success
    if event.startswith("refund."):
        return _refund_update
    if event in TRANSFER_EVENTS:
        return _transfer_update
    return None


def webhook_event_process(*, event: WebhookEvent) -> str:
    """Act on a stored event and mark it processed; on failure record why and leave it
    for the retry job (the provider still gets its 200: we have the event)."""
    handler = _handler_for(event.event)
    outcome = "ignored" if handler is None else "processed"
    try:
        if handler is not None:
            handler(event.payload.get("data") or {})
    except PaymentNotFound:
        # Not one of ours (another product on the same Paystack account, a payment link):
        # nothing to do now or on a retry.
        logger.info("webhook ignored: unknown payment key=%s", event.dedupe_key)
        outcome = "ignored"
    except Exception as error:  # any failure: keep the event and retry later
        logger.exception("webhook processing failed key=%s", event.dedupe_key)
        WebhookEvent.objects.filter(pk=event.pk).update(
            attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:_ERROR_MAX]
        )
        return "failed"
    WebhookEvent.objects.filter(pk=event.pk).update(
        processed_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return outcome


def webhook_events_retry(*, now=None, max_attempts: int = 10) -> int:
    """Process again the stored events that failed (idempotent; a job runs it)."""
    settled_before = (now or timezone.now()) - WEBHOOK_RETRY_DELAY
    events = WebhookEvent.objects.filter(
        processed_at__isnull=True, attempts__lt=max_attempts, received_at__lte=settled_before
    )
    return sum(webhook_event_process(event=event) == "processed" for event in events.order_by("received_at")[:100])
