"""Refunds the provider reports without ProcusMeet having recorded them (SPEC §5).

Our own refunds move the payment to ``refunded`` as soon as the provider accepts them,
so a ``refund.processed`` webhook for a payment still ``held`` (or already released to
the expert) means the money went back some other way: an operator refunded in
Paystack's dashboard, or our refund request timed out after Paystack had queued it.
Paystack documents the event's ``transaction_reference``, ``amount``, ``currency`` and
``status``; the payload is only a hint, so the transaction is verified first (a charge
refunded in full reports ``reversed``).
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.storefront.money import money_format
from payments.models import Payment, PaymentStatus
from payments.providers.base import ChargeResult
from payments.services import CHARGE_REVERSED, payment_refund_update

logger = logging.getLogger(__name__)

# Statuses whose money a reported refund may have taken back without our asking.
UNREFUNDED_STATUSES = frozenset({PaymentStatus.HELD, PaymentStatus.SUCCEEDED})


def minor_units(value) -> int | None:
    """An amount as Paystack may send it (integer or digit string), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value or "").strip()
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    return int(text) if text.isascii() and text.isdigit() else None


@transaction.atomic
def payment_refund_reported(*, reference: str, result: ChargeResult, amount, currency) -> tuple[Payment, bool]:
    """Record a ``refund.processed`` the provider sent for ``reference``, given its
    verified transaction ``result``. Returns the payment and whether it became
    ``refunded`` now.

    A held payment refunded in full (verify says ``reversed``, the event's amount and
    currency are the payment's) is refunded. Anything else we did not ask for (a partial
    refund, a refund of money already released to the expert) keeps its status and is
    flagged for the operations team. Idempotent.
    """
    payment = Payment.objects.select_for_update().get(reference=reference)
    if payment.status not in UNREFUNDED_STATUSES:
        # Our own refund went through meanwhile: only the provider's word is new.
        return payment_refund_update(reference=reference, status="processed"), False
    refunded = minor_units(amount)
    full = (
        result.status == CHARGE_REVERSED
        and refunded == payment.amount
        and str(currency or "").upper() == payment.currency
    )
    payment.refund_status = "processed"
    if payment.status == PaymentStatus.HELD and full:
        payment.status = PaymentStatus.REFUNDED
        payment.refunded_at = timezone.now()
        payment.refund_error = ""
        payment.save(update_fields=["status", "refunded_at", "refund_status", "refund_error", "updated_at"])
        logger.warning("payment refunded at the provider reference=%s", payment.reference)
        return payment, True
    shown = money_format(refunded, payment.currency) if refunded is not None else _("an unknown amount")
    payment.refund_error = _(
        "The provider reports a refund of %(amount)s that ProcusMeet did not make; check this payment."
    ) % {"amount": shown}
    payment.save(update_fields=["refund_status", "refund_error", "updated_at"])
    logger.error("unexpected refund at the provider reference=%s amount=%s", payment.reference, amount)
    return payment, False
