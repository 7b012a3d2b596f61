"""Every write to a payout: request, send, settle, retry (SPEC §5).

- ``payout_request`` reserves money from the balance. It locks the expert's
  ``BankAccount`` row (one per expert, required for a payout anyway) and recomputes the
  balance inside that transaction, so simultaneous requests queue on the lock and the
  later ones see the earlier payouts: the balance can never be overdrawn.
- ``payout_send`` (a Celery job) hands the payout to the provider's transfer API with
  our own reference, holding the payout's row lock while it does, so two workers never
  send the same payout at once. A provider that cannot be reached rolls the attempt back
  (the payout stays ``pending``) and the job is retried; sending again is safe because
  the provider refuses a second transfer with the same reference, and a refusal is
  always checked against ``transfer_verify`` before the payout is called failed.
- ``payout_transfer_update`` settles a payout from a ``transfer.*`` webhook, after
  asking the provider for the transfer's real status (a webhook is only a hint).
- ``payout_retry`` sends a failed payout again, only once the provider reports a final
  status, with the same reference, and only if the balance still covers it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.storefront.money import money_format
from notifications.models import NotificationKind
from notifications.services import notification_create
from payments.balance import expert_balance
from payments.errors import (
    BankAccountRequired,
    PaymentProviderError,
    PaymentProviderUnavailable,
    PayoutInvalid,
    PayoutNotFound,
    PayoutStateConflict,
)
from payments.models_payouts import BankAccount, Payout, PayoutStatus
from payments.providers import get_provider
from payments.providers.base import TransferResult, transfer_reference_new

logger = logging.getLogger(__name__)

_ERROR_MAX = 300
# A pending payout whose send job never ran (a lost message) is sent again after this.
PAYOUT_RESEND_AFTER = timedelta(minutes=5)
# A processing payout with no final word from the provider is verified again after this.
PAYOUT_RECHECK_AFTER = timedelta(minutes=30)
RECONCILE_BATCH = 100


def _invalid(field: str, message: str) -> PayoutInvalid:
    return PayoutInvalid(message, fields={field: [message]})


def _payout_lock_of(expert) -> BankAccount:
    """Lock the expert's payout account: their payout requests are decided one at a time."""
    account = BankAccount.objects.select_for_update().filter(expert=expert).first()
    if account is None:
        raise BankAccountRequired(_("Add a bank account before requesting a payout."))
    return account


def _require_covered(*, expert, amount: int, currency: str) -> None:
    available = expert_balance(expert=expert, currency=currency).available
    if amount > available:
        raise _invalid(
            "amount",
            _("You can withdraw at most %(available)s.") % {"available": money_format(max(available, 0), currency)},
        )


def _send_after_commit(payout_id: int) -> None:
    from payments.tasks import payout_send_job  # the job module imports this one

    transaction.on_commit(lambda: payout_send_job.delay(payout_id), robust=True)


@transaction.atomic
def payout_request(*, expert, amount: int, currency: str | None = None) -> Payout:
    """Reserve ``amount`` (minor units) of the expert's available balance for a payout
    to their bank account and queue the transfer.

    Errors: ``BankAccountRequired`` (409); ``PayoutInvalid`` (400) for an amount below
    ``PAYOUT_MINIMUM`` or above the available balance, or a currency other than the
    bank account's.
    """
    account = _payout_lock_of(expert)
    currency = (currency or account.currency).upper()
    if currency != account.currency:
        raise _invalid("currency", _("Your bank account receives %(currency)s.") % {"currency": account.currency})
    if amount < settings.PAYOUT_MINIMUM:
        raise _invalid(
            "amount",
            _("The smallest payout is %(minimum)s.") % {"minimum": money_format(settings.PAYOUT_MINIMUM, currency)},
        )
    _require_covered(expert=expert, amount=amount, currency=currency)
    payout = Payout.objects.create(
        expert=expert,
        amount=amount,
        currency=currency,
        reference=transfer_reference_new(),
        recipient_code=account.recipient_code,
    )
    logger.info("payout requested reference=%s amount=%s currency=%s", payout.reference, amount, currency)
    _send_after_commit(payout.pk)
    return payout


def payout_send(*, payout_id: int) -> Payout | None:
    """Send a pending payout through the provider's transfer API (the job calls this).

    A processing payout is verified instead (the provider already has it). Returns
    None when another worker holds the payout. ``PaymentProviderUnavailable``
    propagates after rolling the attempt back, for the job to retry.
    """
    with transaction.atomic():
        payout = Payout.objects.select_for_update(skip_locked=True).filter(pk=payout_id).first()
        if payout is None:
            return None
        if payout.status == PayoutStatus.PROCESSING:
            return _settle(payout, get_provider().transfer_verify(payout.reference))
        if payout.status != PayoutStatus.PENDING:
            return payout
        return _transfer(payout)


def _transfer(payout: Payout) -> Payout:
    provider = get_provider()
    payout.status = PayoutStatus.PROCESSING
    payout.attempts += 1
    payout.sent_at = timezone.now()
    payout.transfer_code = ""
    try:
        result = provider.transfer(
            reference=payout.reference,
            amount=payout.amount,
            recipient_code=payout.recipient_code,
            reason=_("ProcusMeet payout"),
            currency=payout.currency,
        )
    except PaymentProviderError as refusal:
        result = _transfer_found(provider, payout.reference)
        if result is None:
            return _fail(payout, reason=refusal.message)
    logger.info("payout sent reference=%s attempt=%s status=%s", payout.reference, payout.attempts, result.status)
    payout.transfer_code = result.transfer_code
    payout.save(update_fields=["status", "attempts", "sent_at", "transfer_code", "updated_at"])
    return _settle(payout, result)


def _transfer_found(provider, reference: str) -> TransferResult | None:
    """The provider's transfer with our reference, or None when it has none (it refused
    the transfer outright, so nothing was sent)."""
    try:
        return provider.transfer_verify(reference)
    except PaymentProviderError:
        return None


def _settle(payout: Payout, result: TransferResult) -> Payout:
    """Apply the provider's verified word on a locked payout (idempotent)."""
    if (result.reference, result.amount, result.currency.upper()) != (payout.reference, payout.amount, payout.currency):
        logger.error("payout transfer mismatch reference=%s provider=%s", payout.reference, result.raw)
        return payout
    if not result.final:
        return payout
    if result.succeeded:
        if payout.status != PayoutStatus.PROCESSING:
            return payout
        payout.status = PayoutStatus.PAID
        payout.transfer_code = result.transfer_code or payout.transfer_code
        payout.settled_at = timezone.now()
        payout.save(update_fields=["status", "transfer_code", "settled_at", "updated_at"])
        logger.info("payout paid reference=%s", payout.reference)
        _notify_paid(payout)
        return payout
    if payout.status not in (PayoutStatus.PROCESSING, PayoutStatus.PAID):
        return payout
    reason = _("The transfer was %(status)s by the provider.") % {"status": result.status}
    return _fail(payout, reason=reason)


def _fail(payout: Payout, *, reason: str) -> Payout:
    """The payout did not arrive (or came back): its amount returns to the balance."""
    payout.status = PayoutStatus.FAILED
    payout.failure_reason = reason[:_ERROR_MAX]
    payout.settled_at = timezone.now()
    payout.save()
    logger.warning("payout failed reference=%s reason=%s", payout.reference, payout.failure_reason)
    _notify_failed(payout)
    return payout


@transaction.atomic
def payout_transfer_update(*, reference: str) -> Payout | None:
    """A ``transfer.success|failed|reversed`` webhook named this reference: verify the
    transfer with the provider and settle the payout. Unknown references are ignored;
    a payout not sent yet is left alone (its send will settle it)."""
    payout = Payout.objects.select_for_update().filter(reference=reference).first()
    if payout is None:
        logger.warning("transfer webhook for an unknown payout reference=%s", reference)
        return None
    if payout.status not in (PayoutStatus.PROCESSING, PayoutStatus.PAID):
        return payout
    return _settle(payout, get_provider().transfer_verify(reference))


@transaction.atomic
def payout_retry(*, payout_id: int, actor=None) -> Payout:
    """Send a failed payout again, same reference, once the provider's status is final.

    Errors: ``PayoutNotFound``; ``PayoutStateConflict`` (409) when the payout did not
    fail or the provider still processes it (or reports it paid); ``PayoutInvalid``
    when the balance no longer covers it; ``BankAccountRequired``.
    """
    expert_id = Payout.objects.filter(pk=payout_id).values_list("expert_id", flat=True).first()
    if expert_id is None:
        raise PayoutNotFound(_("No such payout."))
    account = _payout_lock_of(expert_id)  # the same lock order as a request: account, then payout
    payout = Payout.objects.select_for_update().get(pk=payout_id)
    if payout.status != PayoutStatus.FAILED:
        raise PayoutStateConflict(_("Only a failed payout can be retried."))
    _require_final_at_provider(payout)
    _require_covered(expert=expert_id, amount=payout.amount, currency=payout.currency)
    if account.currency == payout.currency:
        payout.recipient_code = account.recipient_code  # the expert may have fixed their account
    payout.status = PayoutStatus.PENDING
    payout.failure_reason = ""
    payout.settled_at = None
    payout.save(update_fields=["status", "failure_reason", "settled_at", "recipient_code", "updated_at"])
    logger.info("payout retry reference=%s by=%s", payout.reference, getattr(actor, "pk", None))
    _send_after_commit(payout.pk)
    return payout


def _require_final_at_provider(payout: Payout) -> None:
    current = _transfer_found(get_provider(), payout.reference)
    if current is None:
        return  # the provider never accepted it: nothing was sent
    if not current.final:
        raise PayoutStateConflict(_("The provider is still processing this transfer; retry once it has finished."))
    if current.succeeded:
        raise PayoutStateConflict(_("The provider reports this transfer as paid; check it before retrying."))


def payouts_reconcile(*, now=None) -> int:
    """Send pending payouts whose job was lost and verify processing ones the provider
    has not settled yet (a periodic job; idempotent). Returns how many were looked at."""
    now = now or timezone.now()
    stale = Payout.objects.filter(
        status=PayoutStatus.PENDING, updated_at__lte=now - PAYOUT_RESEND_AFTER
    ) | Payout.objects.filter(status=PayoutStatus.PROCESSING, updated_at__lte=now - PAYOUT_RECHECK_AFTER)
    payout_ids = list(stale.order_by("updated_at").values_list("pk", flat=True)[:RECONCILE_BATCH])
    for payout_id in payout_ids:
        try:
            payout_send(payout_id=payout_id)
        except (PaymentProviderUnavailable, PaymentProviderError) as error:
            logger.warning("payout reconcile deferred payout=%s error=%s", payout_id, error)
    return len(payout_ids)


# --- Notifications --------------------------------------------------------------------------------


def _notify_paid(payout: Payout) -> None:
    amount = money_format(payout.amount, payout.currency)
    notification_create(
        user=payout.expert,
        kind=NotificationKind.PAYOUT_PAID,
        title=_("Payout of %(amount)s paid") % {"amount": amount},
        body=_("%(amount)s was sent to your bank account.") % {"amount": amount},
        url=reverse("payments:payouts"),
        data={"payout_id": payout.pk},
    )


def _notify_failed(payout: Payout) -> None:
    amount = money_format(payout.amount, payout.currency)
    notification_create(
        user=payout.expert,
        kind=NotificationKind.PAYOUT_FAILED,
        title=_("Payout of %(amount)s failed") % {"amount": amount},
        body=_("%(reason)s The amount is back in your balance; check your bank account details.")
        % {"reason": payout.failure_reason},
        url=reverse("payments:payouts"),
        data={"payout_id": payout.pk},
    )
