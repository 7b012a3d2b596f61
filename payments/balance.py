"""An expert's balance, per currency, summed by the database (SPEC §5).

earned    = expert's share of their succeeded payments (refunded ones never count)
paid_out  = payouts ``paid``
pending   = payouts ``pending`` or ``processing`` (reserved: already on their way)
available = earned − paid_out − pending

Failed payouts are not subtracted, so their amount is back in the balance. Integers
only: every sum is over integer minor-unit columns.
"""

from dataclasses import dataclass

from django.db.models import Q, Sum

from payments.models import Payment, PaymentStatus
from payments.models_payouts import PAYOUT_RESERVING, Payout, PayoutStatus


@dataclass(frozen=True)
class Balance:
    currency: str
    earned: int = 0
    paid_out: int = 0
    pending: int = 0

    @property
    def available(self) -> int:
        return self.earned - self.paid_out - self.pending


def _earned(expert, currency: str | None) -> dict[str, int]:
    payments = Payment.objects.filter(call__expert=expert, status=PaymentStatus.SUCCEEDED)
    if currency:
        payments = payments.filter(currency=currency)
    rows = payments.order_by().values("currency").annotate(total=Sum("expert_share"))
    return {row["currency"]: int(row["total"] or 0) for row in rows}


def _payouts(expert, currency: str | None) -> dict[str, tuple[int, int]]:
    payouts = Payout.objects.filter(expert=expert, status__in=PAYOUT_RESERVING)
    if currency:
        payouts = payouts.filter(currency=currency)
    rows = (
        payouts.order_by()
        .values("currency")
        .annotate(
            paid=Sum("amount", filter=Q(status=PayoutStatus.PAID)),
            pending=Sum("amount", filter=Q(status__in=[PayoutStatus.PENDING, PayoutStatus.PROCESSING])),
        )
    )
    return {row["currency"]: (int(row["paid"] or 0), int(row["pending"] or 0)) for row in rows}


def expert_balances(*, expert) -> list[Balance]:
    """Every currency the expert has earned or been paid in, sorted by code (two queries)."""
    earned, payouts = _earned(expert, None), _payouts(expert, None)
    return [
        Balance(currency, earned.get(currency, 0), *payouts.get(currency, (0, 0)))
        for currency in sorted(earned.keys() | payouts.keys())
    ]


def expert_balance(*, expert, currency: str) -> Balance:
    """The balance in one currency (zeros when there is nothing yet)."""
    paid_out, pending = _payouts(expert, currency).get(currency, (0, 0))
    return Balance(currency, _earned(expert, currency).get(currency, 0), paid_out, pending)
