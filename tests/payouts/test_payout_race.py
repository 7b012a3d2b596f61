"""Two (or twelve) simultaneous payout requests can never overdraw the balance: real
threads, each with its own PostgreSQL connection, release together."""

import pytest

from payments.balance import expert_balance
from payments.models_payouts import PAYOUT_RESERVING, Payout
from payments.payout_services import payout_request
from procusmeet.api.errors import ApplicationError
from tests.bookings.test_double_booking_race import race

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 12


def test_twelve_racing_requests_pay_out_at_most_the_balance(bob_expert, bob_bank, bob_earned, settings):
    settings.PAYOUT_MINIMUM = 100_000
    amount = 600_000  # ₦27,000 covers four of these, not five

    results = race([lambda: payout_request(expert=bob_expert, amount=amount) for _ in range(RACERS)])

    winners = [result for result in results if isinstance(result, Payout)]
    losers = [result for result in results if isinstance(result, ApplicationError)]
    assert len(winners) == bob_earned // amount == 4
    assert len(losers) == RACERS - 4
    assert {(error.status_code, error.code) for error in losers} == {(400, "payout_invalid")}
    reserved = sum(
        Payout.objects.filter(expert=bob_expert, status__in=PAYOUT_RESERVING).values_list("amount", flat=True)
    )
    assert reserved == 4 * amount <= bob_earned
    assert expert_balance(expert=bob_expert, currency="NGN").available == bob_earned - 4 * amount
