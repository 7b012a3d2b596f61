"""The payment provider interface (pretix-like) and the plain results it returns.

``prepare`` moves no money: it checks the input and builds the charge to send. Every
other method talks to the provider. Inputs are keyword arguments and plain
dataclasses, so callers pass model data without the providers knowing the models.
Amounts are integer minor units everywhere.
"""

import re
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from payments.errors import PayoutCurrencyUnsupported
from payments.webhooks import paystack_signature_valid

SUPPORTED_CURRENCIES = ("NGN", "GHS", "ZAR", "KES", "USD")
# Paystack's recipient type of a bank account in each currency it pays out in.
RECIPIENT_TYPES = {"NGN": "nuban", "GHS": "ghipss", "ZAR": "basa", "KES": "mobile_money"}
_REFERENCE = re.compile(r"^[A-Za-z0-9.=-]{1,100}$")

# Transaction statuses (``charge_verify``) and transfer statuses, as Paystack names them.
CHARGE_SUCCESS = "success"
TRANSFER_SUCCESS = "success"
TRANSFER_FINAL_STATUSES = frozenset({"success", "failed", "reversed", "abandoned", "blocked", "rejected"})


@dataclass(frozen=True)
class ChargeRequest:
    reference: str
    amount: int
    currency: str
    email: str
    callback_url: str
    metadata: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ChargeInit:
    authorization_url: str
    reference: str
    access_code: str


@dataclass(frozen=True)
class ChargeResult:
    reference: str
    status: str
    amount: int
    currency: str
    paid_at: datetime | None
    gateway_response: str
    raw: dict = field(compare=False, repr=False)

    @property
    def succeeded(self) -> bool:
        return self.status == CHARGE_SUCCESS

    def matches(self, *, amount: int, currency: str) -> bool:
        """The charge is worth exactly what we asked for (never give value otherwise)."""
        return self.amount == amount and self.currency.upper() == currency.upper()


@dataclass(frozen=True)
class RefundResult:
    transaction_reference: str
    status: str
    amount: int
    currency: str
    raw: dict = field(compare=False, repr=False)


@dataclass(frozen=True)
class Bank:
    name: str
    code: str
    currency: str
    type: str


@dataclass(frozen=True)
class ResolvedAccount:
    account_number: str
    account_name: str
    bank_code: str


@dataclass(frozen=True)
class Recipient:
    recipient_code: str
    account_number: str
    account_name: str
    bank_code: str
    bank_name: str
    currency: str
    raw: dict = field(compare=False, repr=False)


@dataclass(frozen=True)
class TransferResult:
    reference: str
    transfer_code: str
    status: str
    amount: int
    currency: str
    raw: dict = field(compare=False, repr=False)

    @property
    def final(self) -> bool:
        """Paystack is done with it; only now may a payout be retried (same reference)."""
        return self.status in TRANSFER_FINAL_STATUSES

    @property
    def succeeded(self) -> bool:
        return self.status == TRANSFER_SUCCESS


def charge_reference_new() -> str:
    """A fresh transaction reference: ours, so a retry can never charge twice."""
    return f"PM-{uuid.uuid4().hex}"


def transfer_reference_new() -> str:
    """A fresh transfer reference (Paystack wants 16–50 lowercase characters)."""
    return f"pm-payout-{uuid.uuid4().hex}"


def recipient_type_for(currency: str) -> str:
    try:
        return RECIPIENT_TYPES[currency.upper()]
    except KeyError:
        raise PayoutCurrencyUnsupported(
            _("Payouts in %(currency)s are not supported.") % {"currency": currency}
        ) from None


def reference_well_formed(reference: str) -> bool:
    """A reference Paystack would accept (and so could be one of ours): 1–100 letters,
    digits, '-', '.' or '='. Addresses carrying anything else are looked up nowhere (a
    NUL in a lookup is an error in PostgreSQL, not a miss)."""
    return bool(_REFERENCE.fullmatch(reference))


def _check_charge(*, reference: str, amount: int, currency: str, email: str) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValueError("amount must be a positive integer of minor units")
    if currency not in SUPPORTED_CURRENCIES:
        raise ValueError(f"unsupported currency {currency!r}")
    if not email or "@" not in email:
        raise ValueError("a charge needs the payer's email")
    if not _REFERENCE.match(reference):
        raise ValueError("a reference is 1–100 letters, digits, '-', '.' or '='")


class PaymentProvider(ABC):
    """What a payment gateway does for ProcusMeet. Both providers implement all of it."""

    name: str

    @property
    @abstractmethod
    def webhook_secret(self) -> str:
        """The key this provider signs its webhooks with."""

    def webhook_signature_valid(self, body: bytes, header: str | None) -> bool:
        return paystack_signature_valid(body, header, self.webhook_secret)

    def prepare(
        self,
        *,
        amount: int,
        currency: str,
        email: str,
        callback_url: str,
        metadata: dict | None = None,
        reference: str | None = None,
    ) -> ChargeRequest:
        """Check a charge and give it a reference. Moves no money, calls nobody."""
        reference = reference or charge_reference_new()
        _check_charge(reference=reference, amount=amount, currency=currency, email=email)
        return ChargeRequest(
            reference=reference,
            amount=amount,
            currency=currency,
            email=email,
            callback_url=callback_url,
            metadata=dict(metadata or {}),
        )

    @abstractmethod
    def charge_initialize(self, charge: ChargeRequest) -> ChargeInit:
        """Open a checkout for the charge; the payer goes to ``authorization_url``."""

    @abstractmethod
    def charge_verify(self, reference: str) -> ChargeResult:
        """Ask the provider what became of a charge (always before giving value)."""

    @abstractmethod
    def refund(self, reference: str, amount: int | None = None) -> RefundResult:
        """Refund a successful charge, in full when ``amount`` is None."""

    @abstractmethod
    def banks(self, currency: str) -> list[Bank]:
        """Banks (and mobile money operators) that can receive payouts in ``currency``."""

    @abstractmethod
    def account_resolve(self, *, account_number: str, bank_code: str) -> ResolvedAccount:
        """The name on a bank account, so the expert can confirm it is theirs."""

    @abstractmethod
    def recipient_create(
        self, *, name: str, account_number: str, bank_code: str, currency: str, recipient_type: str | None = None
    ) -> Recipient:
        """Register a payout destination; ``recipient_type`` defaults from the currency."""

    @abstractmethod
    def transfer(
        self, *, reference: str, amount: int, recipient_code: str, reason: str, currency: str
    ) -> TransferResult:
        """Send money from the balance. Retry only after a final status, same reference."""

    @abstractmethod
    def transfer_verify(self, reference: str) -> TransferResult:
        """What became of a transfer."""
