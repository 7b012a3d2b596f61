"""Reads of payouts, bank accounts and the client's payments and receipts (own rows only)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from payments.errors import PaymentNotFound, PayoutNotFound
from payments.models import Payment
from payments.models_payouts import BankAccount, Payout


def bank_account_of(*, expert) -> BankAccount | None:
    if not expert.is_authenticated:
        return None
    return BankAccount.objects.filter(expert=expert).first()


def payouts_of(*, expert) -> QuerySet[Payout]:
    """The expert's payouts, newest first (nobody else's, whoever asks)."""
    if not expert.is_authenticated:
        return Payout.objects.none()
    return Payout.objects.filter(expert=expert).order_by("-requested_at", "-pk")


def payout_get_for(*, expert, payout_id: int) -> Payout:
    payout = payouts_of(expert=expert).filter(pk=payout_id).first()
    if payout is None:
        raise PayoutNotFound(_("No such payout."))
    return payout


def payments_paid_by(*, client) -> QuerySet[Payment]:
    """What a client has paid (or tried to), newest first, with what a receipt shows."""
    if not client.is_authenticated:
        return Payment.objects.none()
    return (
        Payment.objects.filter(call__client=client)
        .select_related("call__area", "call__expert__expert_profile", "call__booking")
        .order_by("-created_at", "-pk")
    )


def receipt_get_for(*, client, payment_id: int) -> Payment:
    """One payment's receipt: only the payer ever sees it (anyone else: not found), and
    only once money was taken."""
    payment = payments_paid_by(client=client).filter(pk=payment_id, held_at__isnull=False).first()
    if payment is None:
        raise PaymentNotFound(_("No such payment."))
    return payment
