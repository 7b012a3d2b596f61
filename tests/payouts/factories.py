"""Seeded money history for the payouts, reviews and dashboard tests.

Rows are written directly (a set-up shortcut): the booking, call and payment services
are tested elsewhere; these tests need many past calls in known states, fast. Each
seeded call gets its own two-hour slot in the past, so the database's no-overlap
constraints never trip.
"""

import datetime as dt
import itertools
import secrets

from django.utils import timezone

from accounts.models import ExpertArea
from calls.models import Call, CallNoShow, CallStatus
from payments.fees import fee_split
from payments.models import Payment, PaymentStatus
from payments.models_payouts import BankAccount, Payout, PayoutStatus
from scheduling.models_booking import Booking, BookingStatus

_slots = itertools.count(1)

# booking status → (call status, payment status, whether the call still holds its time)
_STATES = {
    BookingStatus.PENDING: (CallStatus.SCHEDULED, PaymentStatus.HELD, True),
    BookingStatus.CONFIRMED: (CallStatus.SCHEDULED, PaymentStatus.HELD, True),
    BookingStatus.COMPLETED: (CallStatus.COMPLETED, PaymentStatus.SUCCEEDED, True),
    BookingStatus.DECLINED: (CallStatus.CANCELLED, PaymentStatus.REFUNDED, False),
    BookingStatus.CANCELLED: (CallStatus.CANCELLED, PaymentStatus.REFUNDED, False),
    BookingStatus.EXPIRED: (CallStatus.CANCELLED, PaymentStatus.FAILED, False),
}


def area_of(expert, *, title: str = "Career advice", price: int = 1_500_000, currency: str | None = None) -> ExpertArea:
    profile = expert.expert_profile
    area, _created = ExpertArea.objects.get_or_create(
        expert=profile,
        title=title,
        defaults={"duration_minutes": 60, "price": price, "currency": currency or profile.currency},
    )
    return area


def past_slot() -> dt.datetime:
    """A start two hours apart from every other seeded call, all in the past."""
    return timezone.now().replace(microsecond=0) - dt.timedelta(days=400) + dt.timedelta(hours=2 * next(_slots))


def seeded_booking(
    *,
    expert,
    client,
    status: str = BookingStatus.COMPLETED,
    amount: int = 1_500_000,
    currency: str = "NGN",
    area: ExpertArea | None = None,
    start: dt.datetime | None = None,
    released_at: dt.datetime | None = None,
    no_show: bool = False,
) -> Booking:
    """A booking with its call and payment in the usual state for ``status``.

    ``no_show`` makes a cancelled booking's call a no-show (the client was absent).
    """
    call_status, payment_status, active = _STATES[status]
    if no_show:
        call_status = CallStatus.NO_SHOW
    area = area or area_of(expert, currency=currency)
    start = start or past_slot()
    call = Call.objects.create(
        expert=expert,
        client=client,
        area=area,
        scheduled_start=start,
        duration_minutes=60,
        scheduled_end=start + dt.timedelta(minutes=60),
        active=active,
        status=call_status,
        ended_at=start + dt.timedelta(minutes=55) if call_status == CallStatus.COMPLETED else None,
    )
    if no_show:
        CallNoShow.objects.create(call=call, expert_absent=False, client_absent=True, marked_at=call.scheduled_end)
    booking = Booking.objects.create(call=call, status=status)
    _payment(call, payment_status, amount=amount, currency=currency, released_at=released_at or call.scheduled_end)
    return booking


def _payment(call: Call, status: str, *, amount: int, currency: str, released_at: dt.datetime) -> Payment:
    succeeded = status == PaymentStatus.SUCCEEDED
    split = fee_split(amount=amount, percent=10)
    return Payment.objects.create(
        call=call,
        amount=amount,
        currency=currency,
        provider="test",
        reference=f"pm-seed-{secrets.token_hex(6)}",
        status=status,
        held_at=None if status == PaymentStatus.FAILED else call.scheduled_start - dt.timedelta(days=1),
        platform_fee=split.fee if succeeded else None,
        expert_share=split.expert_share if succeeded else None,
        released_at=released_at if succeeded else None,
        refunded_at=call.scheduled_start if status == PaymentStatus.REFUNDED else None,
    )


def earning(expert, client, amount: int, currency: str = "NGN", **kwargs) -> Payment:
    """A completed call whose payment was released: the expert earned 90 % of ``amount``."""
    return seeded_booking(expert=expert, client=client, amount=amount, currency=currency, **kwargs).call.payment


def bank_account(expert, *, currency: str = "NGN", account_number: str = "0123456789") -> BankAccount:
    """A saved payout account as the test provider would have registered it."""
    return BankAccount.objects.create(
        expert=expert,
        currency=currency,
        bank_code="058",
        bank_name="Guaranty Trust Bank",
        account_number=account_number,
        account_name=f"TEST ACCOUNT {account_number[-4:]}",
        recipient_code=f"RCP_test_058_{account_number}",
    )


def payout(expert, amount: int, status: str = PayoutStatus.PAID, currency: str = "NGN") -> Payout:
    return Payout.objects.create(
        expert=expert,
        amount=amount,
        currency=currency,
        status=status,
        reference=f"pm-payout-seed-{secrets.token_hex(8)}",
        recipient_code="RCP_test_058_0123456789",
    )
