"""The balance: expert's share of succeeded payments, minus payouts that did not fail,
per currency, in integers."""

import pytest

from payments.balance import expert_balance, expert_balances
from payments.models_payouts import PayoutStatus
from scheduling.models_booking import BookingStatus
from tests.payouts.factories import earning, payout, seeded_booking

pytestmark = pytest.mark.django_db


def test_only_succeeded_payments_count_as_earned(bob_expert, alice_client):
    earning(bob_expert, alice_client, 1_000_000)
    for status in (BookingStatus.CONFIRMED, BookingStatus.PENDING, BookingStatus.CANCELLED, BookingStatus.EXPIRED):
        seeded_booking(expert=bob_expert, client=alice_client, status=status, amount=5_000_000)

    balance = expert_balance(expert=bob_expert, currency="NGN")

    assert (balance.earned, balance.paid_out, balance.pending, balance.available) == (900_000, 0, 0, 900_000)


def test_refunds_releases_and_payouts_mixed(bob_expert, alice_client):
    earning(bob_expert, alice_client, 1_500_000)  # 1_350_000
    earning(bob_expert, alice_client, 999_995)  # fee 100_000 (99_999.5 rounded half-up) → 899_995
    seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.DECLINED, amount=2_000_000)
    payout(bob_expert, 500_000, PayoutStatus.PAID)
    payout(bob_expert, 200_000, PayoutStatus.PROCESSING)
    payout(bob_expert, 100_000, PayoutStatus.PENDING)
    payout(bob_expert, 700_000, PayoutStatus.FAILED)

    balance = expert_balance(expert=bob_expert, currency="NGN")

    assert balance.earned == 1_350_000 + 899_995
    assert balance.paid_out == 500_000
    assert balance.pending == 300_000
    assert balance.available == 2_249_995 - 800_000
    assert all(isinstance(value, int) for value in (balance.earned, balance.paid_out, balance.pending))


def test_each_currency_has_its_own_balance(bob_expert, alice_client):
    earning(bob_expert, alice_client, 1_000_000, "NGN")
    earning(bob_expert, alice_client, 50_000, "GHS")
    payout(bob_expert, 20_000, PayoutStatus.PAID, currency="GHS")
    payout(bob_expert, 10_000, PayoutStatus.PENDING, currency="ZAR")

    balances = {balance.currency: balance for balance in expert_balances(expert=bob_expert)}

    assert list(balances) == ["GHS", "NGN", "ZAR"]
    assert balances["NGN"].available == 900_000
    assert (balances["GHS"].earned, balances["GHS"].paid_out, balances["GHS"].available) == (45_000, 20_000, 25_000)
    assert balances["ZAR"].available == -10_000


def test_another_experts_money_never_counts(bob_expert, carol_expert, alice_client):
    earning(carol_expert, alice_client, 1_000_000)
    payout(carol_expert, 100_000)

    assert expert_balances(expert=bob_expert) == []
    assert expert_balance(expert=bob_expert, currency="NGN").available == 0


def test_balance_api_lists_every_currency(api_as, bob_expert, alice_client, settings):
    settings.PAYOUT_MINIMUM = 5_000
    earning(bob_expert, alice_client, 1_000_000, "NGN")
    earning(bob_expert, alice_client, 50_000, "GHS")
    payout(bob_expert, 100_000, PayoutStatus.PROCESSING)

    response = api_as(bob_expert).get("/api/v1/balance")

    assert response.status_code == 200
    assert response.json() == {
        "balances": [
            {"currency": "GHS", "earned": 45_000, "paid_out": 0, "pending": 0, "available": 45_000},
            {"currency": "NGN", "earned": 900_000, "paid_out": 0, "pending": 100_000, "available": 800_000},
        ],
        "payout_minimum": 5_000,
    }


def test_the_balance_takes_two_queries_however_much_history(bob_expert, alice_client, django_assert_num_queries):
    for amount in range(1_000_000, 1_010_000, 1_000):
        earning(bob_expert, alice_client, amount)
    payout(bob_expert, 10_000)

    with django_assert_num_queries(2):
        expert_balances(expert=bob_expert)
