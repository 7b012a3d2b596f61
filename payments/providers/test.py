"""The offline ``test`` provider: no network, no keys, no money (SPEC §5).

It imitates Paystack closely enough that the marketplace runs the same code with it:

- ``charge_initialize`` opens a checkout page of our own app
  (``/payments/test-checkout/<reference>/``, root-relative so it works on any host).
  Pay marks the transaction ``success`` and sends the browser to
  ``callback_url?reference=…``; Fail marks it ``failed``.
- Webhooks are delivered like Paystack's: the raw JSON body ``{event, data}`` signed
  with this provider's secret (hex HMAC-SHA512) is handed, after the transaction
  commits, to ``WEBHOOK_HANDLER(body=..., signature=...)`` — the same service the
  webhook endpoint calls, so it verifies the signature like any delivery. A failing
  handler is logged and does not undo the payment, as with a real gateway.
- Refunds are queued (``pending``) and followed by a ``refund.processed`` webhook.
- ``banks`` lists a few real bank codes per currency (none for USD);
  ``account_resolve`` accepts 6–20 digits at a listed bank and names the account
  ``TEST ACCOUNT <last four digits>``.
- Transfers succeed, except to account numbers ending in ``0000``, which fail; either
  way a ``transfer.success``/``transfer.failed`` webhook follows. A failed transfer may
  be retried with the same reference; any other reuse is refused.
"""

import hashlib
import hmac
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from payments.errors import PaymentProviderError
from payments.models import TestTransaction, TestTransfer
from payments.providers.base import (
    RECIPIENT_TYPES,
    Bank,
    ChargeInit,
    ChargeRequest,
    ChargeResult,
    PaymentProvider,
    Recipient,
    RefundResult,
    ResolvedAccount,
    TransferResult,
    recipient_type_for,
)
from payments.webhooks import paystack_signature

logger = logging.getLogger(__name__)

# The service the Paystack webhook endpoint calls with the raw body and the signature
# header; looked up at delivery time so the booking code can live where it likes.
WEBHOOK_HANDLER = "payments.services.paystack_webhook_receive"

FAILING_ACCOUNT_SUFFIX = "0000"
_BANKS = {
    "NGN": [
        ("Access Bank", "044"),
        ("First Bank of Nigeria", "011"),
        ("Guaranty Trust Bank", "058"),
        ("Kuda Bank", "50211"),
        ("United Bank For Africa", "033"),
        ("Zenith Bank", "057"),
    ],
    "GHS": [
        ("Access Bank Ghana", "280100"),
        ("Ecobank Ghana", "130100"),
        ("GCB Bank", "040100"),
        ("MTN Mobile Money", "MTN"),
    ],
    "ZAR": [
        ("Absa Bank", "632005"),
        ("Capitec Bank", "470010"),
        ("First National Bank", "250655"),
        ("Nedbank", "198765"),
        ("Standard Bank", "051001"),
    ],
    "KES": [("Airtel Money", "AIRTEL"), ("M-PESA", "MPESA")],
    "USD": [],
}
_MOBILE_MONEY_CODES = {"MTN", "AIRTEL", "MPESA"}
_ACCOUNT_NUMBER = re.compile(r"^\d{6,20}$")
# The recipient code carries its bank and account, so transfers need no recipient table.
_RECIPIENT_CODE = re.compile(r"^RCP_test_(?P<bank_code>[A-Za-z0-9]+)_(?P<account_number>\d{6,20})$")
_PAYABLE = {TestTransaction.Status.ABANDONED, TestTransaction.Status.FAILED}
_GATEWAY_RESPONSES = {
    TestTransaction.Status.ABANDONED: "The transaction was not completed",
    TestTransaction.Status.FAILED: "Declined",
    TestTransaction.Status.SUCCESS: "Successful",
    TestTransaction.Status.REVERSED: "Successful",
}


def _refused(message: str) -> PaymentProviderError:
    """The provider's own wording, as Paystack would answer with a 400."""
    return PaymentProviderError(message, provider_status=400)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _webhook_deliver(event: str, data: dict) -> None:
    """Hand a signed ``{event, data}`` body to the webhook service once committed."""
    body = json.dumps({"event": event, "data": data}, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    signature = paystack_signature(body, TestProvider().webhook_secret)
    handler_path = WEBHOOK_HANDLER

    def deliver():
        logger.info("test provider webhook event=%s", event)
        import_string(handler_path)(body=body, signature=signature)

    transaction.on_commit(deliver, robust=True)


def transaction_data(tx: TestTransaction) -> dict:
    """A transaction as Paystack's verify endpoint and ``charge.*`` webhooks show it."""
    return {
        "id": tx.pk,
        "domain": "test",
        "status": tx.status,
        "reference": tx.reference,
        "amount": tx.amount,
        "currency": tx.currency,
        "gateway_response": _GATEWAY_RESPONSES[tx.status],
        "paid_at": _iso(tx.paid_at),
        "created_at": _iso(tx.created_at),
        "channel": "card",
        "fees": 0,
        "metadata": tx.metadata,
        "customer": {
            "email": tx.email,
            "customer_code": f"CUS_test_{hashlib.sha256(tx.email.encode()).hexdigest()[:12]}",
        },
    }


@transaction.atomic
def checkout_pay(*, reference: str) -> TestTransaction:
    """The payer pressed Pay: the charge succeeds and ``charge.success`` is delivered.

    Pressing it again after success changes nothing and sends no second webhook.
    """
    tx = TestTransaction.objects.select_for_update().get(reference=reference)
    if tx.status not in _PAYABLE:
        return tx
    tx.status = TestTransaction.Status.SUCCESS
    tx.paid_at = timezone.now()
    tx.save(update_fields=["status", "paid_at"])
    _webhook_deliver("charge.success", transaction_data(tx))
    return tx


@transaction.atomic
def checkout_fail(*, reference: str) -> TestTransaction:
    """The payer pressed Fail: the charge is declined (they may still pay later)."""
    tx = TestTransaction.objects.select_for_update().get(reference=reference)
    if tx.status in _PAYABLE:
        tx.status = TestTransaction.Status.FAILED
        tx.save(update_fields=["status"])
    return tx


def _bank(currency: str, name: str, code: str) -> Bank:
    kind = "mobile_money" if code in _MOBILE_MONEY_CODES else RECIPIENT_TYPES.get(currency, "")
    return Bank(name=name, code=code, currency=currency, type=kind)


def _bank_known(bank_code: str) -> tuple[str, str] | None:
    for currency, banks in _BANKS.items():
        for name, code in banks:
            if code == bank_code:
                return currency, name
    return None


class TestProvider(PaymentProvider):
    __test__ = False
    name = "test"

    @property
    def webhook_secret(self) -> str:
        # Derived from SECRET_KEY so it needs no configuration and differs per site.
        digest = hmac.new(settings.SECRET_KEY.encode(), b"procusmeet test payment provider", hashlib.sha256)
        return f"sk_test_local_{digest.hexdigest()}"

    # --- Charges ------------------------------------------------------------------------
    def charge_initialize(self, charge: ChargeRequest) -> ChargeInit:
        try:
            with transaction.atomic():
                TestTransaction.objects.create(
                    reference=charge.reference,
                    amount=charge.amount,
                    currency=charge.currency,
                    email=charge.email,
                    callback_url=charge.callback_url,
                    metadata=charge.metadata,
                )
        except IntegrityError:
            raise _refused("Duplicate Transaction Reference") from None
        return ChargeInit(
            authorization_url=reverse("payments:test-checkout", args=[charge.reference]),
            reference=charge.reference,
            access_code=f"test_{uuid.uuid4().hex[:15]}",
        )

    def charge_verify(self, reference: str) -> ChargeResult:
        tx = TestTransaction.objects.filter(reference=reference).first()
        if tx is None:
            raise _refused("Transaction reference not found")
        return ChargeResult(
            reference=tx.reference,
            status=tx.status,
            amount=tx.amount,
            currency=tx.currency,
            paid_at=tx.paid_at,
            gateway_response=_GATEWAY_RESPONSES[tx.status],
            raw=transaction_data(tx),
        )

    @transaction.atomic
    def refund(self, reference: str, amount: int | None = None) -> RefundResult:
        tx = TestTransaction.objects.select_for_update().filter(reference=reference).first()
        if tx is None:
            raise _refused("Transaction not found")
        if tx.status != TestTransaction.Status.SUCCESS:
            reversed_ = tx.status == TestTransaction.Status.REVERSED
            raise _refused("Transaction has been fully reversed" if reversed_ else "Transaction was not successful")
        remaining = tx.amount - tx.refunded_amount
        amount = remaining if amount is None else amount
        if not isinstance(amount, int) or not 0 < amount <= remaining:
            raise _refused("Refund amount cannot be more than the unrefunded transaction amount")
        tx.refunded_amount += amount
        if tx.refunded_amount == tx.amount:
            tx.status = TestTransaction.Status.REVERSED
        tx.save(update_fields=["refunded_amount", "status"])
        refund_reference = f"RF_test_{uuid.uuid4().hex[:12]}"
        data = {
            "transaction": {"id": tx.pk, "reference": tx.reference, "amount": tx.amount, "currency": tx.currency},
            "amount": amount,
            "currency": tx.currency,
            "status": "pending",
            "channel": "card",
            "refund_reference": refund_reference,
        }
        _webhook_deliver(
            "refund.processed",
            {
                "status": "processed",
                "transaction_reference": tx.reference,
                "refund_reference": refund_reference,
                "amount": amount,
                "currency": tx.currency,
            },
        )
        return RefundResult(
            transaction_reference=tx.reference, status="pending", amount=amount, currency=tx.currency, raw=data
        )

    # --- Payout destinations ------------------------------------------------------------
    def banks(self, currency: str) -> list[Bank]:
        return [_bank(currency, name, code) for name, code in _BANKS.get(currency.upper(), [])]

    def account_resolve(self, *, account_number: str, bank_code: str) -> ResolvedAccount:
        if not _ACCOUNT_NUMBER.match(account_number) or _bank_known(bank_code) is None:
            raise PaymentProviderError(
                "Could not resolve account name. Check parameters or try again.", provider_status=422
            )
        return ResolvedAccount(
            account_number=account_number, account_name=f"TEST ACCOUNT {account_number[-4:]}", bank_code=bank_code
        )

    def recipient_create(
        self, *, name: str, account_number: str, bank_code: str, currency: str, recipient_type: str | None = None
    ) -> Recipient:
        kind = recipient_type or recipient_type_for(currency)
        account = self.account_resolve(account_number=account_number, bank_code=bank_code)
        _currency, bank_name = _bank_known(bank_code)
        code = f"RCP_test_{bank_code}_{account_number}"
        raw = {
            "recipient_code": code,
            "type": kind,
            "name": name,
            "currency": currency,
            "details": {
                "account_number": account_number,
                "account_name": account.account_name,
                "bank_code": bank_code,
                "bank_name": bank_name,
            },
        }
        return Recipient(
            recipient_code=code,
            account_number=account_number,
            account_name=account.account_name,
            bank_code=bank_code,
            bank_name=bank_name,
            currency=currency,
            raw=raw,
        )

    # --- Transfers ----------------------------------------------------------------------
    @transaction.atomic
    def transfer(
        self, *, reference: str, amount: int, recipient_code: str, reason: str, currency: str
    ) -> TransferResult:
        match = _RECIPIENT_CODE.match(recipient_code)
        if match is None:
            raise _refused("Recipient specified is invalid")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise _refused("Invalid amount")
        outcome = (
            TestTransfer.Status.FAILED
            if match["account_number"].endswith(FAILING_ACCOUNT_SUFFIX)
            else TestTransfer.Status.SUCCESS
        )
        values = {
            "transfer_code": f"TRF_test_{uuid.uuid4().hex[:12]}",
            "amount": amount,
            "currency": currency,
            "recipient_code": recipient_code,
            "reason": reason[:200],
            "status": outcome,
        }
        previous = TestTransfer.objects.select_for_update().filter(reference=reference).first()
        if previous is not None and previous.status != TestTransfer.Status.FAILED:
            raise _refused("Duplicate Transfer Reference")
        transfer = self._transfer_save(previous, reference, values)
        _webhook_deliver(f"transfer.{outcome}", self._transfer_data(transfer, transfer.status))
        return self._transfer_result(transfer, status="pending")

    @staticmethod
    def _transfer_save(previous: TestTransfer | None, reference: str, values: dict) -> TestTransfer:
        if previous is not None:  # a retry after a final failure, as Paystack allows
            for name, value in values.items():
                setattr(previous, name, value)
            previous.save()
            return previous
        try:
            with transaction.atomic():
                return TestTransfer.objects.create(reference=reference, **values)
        except IntegrityError:
            raise _refused("Duplicate Transfer Reference") from None

    def transfer_verify(self, reference: str) -> TransferResult:
        transfer = TestTransfer.objects.filter(reference=reference).first()
        if transfer is None:
            raise _refused("Transfer not found")
        return self._transfer_result(transfer, status=transfer.status)

    @staticmethod
    def _transfer_data(transfer: TestTransfer, status: str) -> dict:
        return {
            "id": transfer.pk,
            "reference": transfer.reference,
            "transfer_code": transfer.transfer_code,
            "amount": transfer.amount,
            "currency": transfer.currency,
            "source": "balance",
            "reason": transfer.reason,
            "status": status,
            "recipient": {"recipient_code": transfer.recipient_code},
            "createdAt": _iso(transfer.created_at),
            "updatedAt": _iso(transfer.updated_at),
        }

    def _transfer_result(self, transfer: TestTransfer, *, status: str) -> TransferResult:
        return TransferResult(
            reference=transfer.reference,
            transfer_code=transfer.transfer_code,
            status=status,
            amount=transfer.amount,
            currency=transfer.currency,
            raw=self._transfer_data(transfer, status),
        )
