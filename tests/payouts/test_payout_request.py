"""Requesting a payout: up to the available balance, at least the minimum, to the
expert's bank account; the job then sends it through the test provider."""

import pytest
from django.test import TestCase

from notifications.models import Notification, NotificationKind
from payments.balance import expert_balance
from payments.models import TestTransfer
from payments.models_payouts import Payout, PayoutStatus
from payments.payout_services import payout_request
from tests.payouts.factories import bank_account, payout

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def minimum(settings):
    settings.PAYOUT_MINIMUM = 100_000
    return 100_000


def _post(api_as, user, body):
    return api_as(user).post("/api/v1/payouts", body, format="json")


def test_a_payout_above_the_available_balance_is_refused(api_as, bob_expert, bob_bank, bob_earned):
    payout(bob_expert, 700_000, PayoutStatus.PENDING)

    response = _post(api_as, bob_expert, {"amount": bob_earned - 700_000 + 1})

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["amount"] == ["You can withdraw at most ₦20,000."]
    assert Payout.objects.count() == 1


def test_the_whole_available_balance_can_be_requested(api_as, bob_expert, bob_bank, bob_earned):
    response = _post(api_as, bob_expert, {"amount": bob_earned})

    assert response.status_code == 201
    assert response.json()["amount"] == bob_earned
    assert expert_balance(expert=bob_expert, currency="NGN").available == 0


def test_a_payout_below_the_minimum_is_refused(api_as, bob_expert, bob_bank, bob_earned, minimum):
    response = _post(api_as, bob_expert, {"amount": minimum - 1})

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["amount"] == ["The smallest payout is ₦1,000."]
    assert not Payout.objects.exists()


def test_a_payout_needs_a_bank_account(api_as, bob_expert, bob_earned):
    response = _post(api_as, bob_expert, {"amount": 200_000})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "bank_account_required"
    assert not Payout.objects.exists()


def test_a_payout_is_in_the_bank_accounts_currency(api_as, bob_expert, bob_bank, bob_earned):
    response = _post(api_as, bob_expert, {"amount": 200_000, "currency": "GHS"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["currency"] == ["Your bank account receives NGN."]


@pytest.mark.parametrize("body", [{}, {"amount": "lots"}, {"amount": 0}, {"amount": 1.5}, {"amount": -5}])
def test_bad_amounts_are_field_errors(api_as, bob_expert, bob_bank, bob_earned, body):
    response = _post(api_as, bob_expert, body)

    assert response.status_code == 400
    assert "amount" in response.json()["error"]["fields"]


def test_a_requested_payout_is_sent_and_paid_through_the_test_provider(bob_expert, bob_bank, bob_earned):
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        requested = payout_request(expert=bob_expert, amount=1_000_000)

    assert callbacks  # the send job was queued only once the request committed
    requested.refresh_from_db()
    assert requested.status == PayoutStatus.PAID
    assert (requested.attempts, requested.recipient_code) == (1, bob_bank.recipient_code)
    assert requested.transfer_code.startswith("TRF_test_") and requested.settled_at is not None
    transfer = TestTransfer.objects.get(reference=requested.reference)
    assert (transfer.amount, transfer.currency, transfer.status) == (1_000_000, "NGN", "success")
    balance = expert_balance(expert=bob_expert, currency="NGN")
    assert (balance.paid_out, balance.available) == (1_000_000, bob_earned - 1_000_000)
    paid = Notification.objects.get(user=bob_expert)
    assert (paid.kind, paid.title) == (NotificationKind.PAYOUT_PAID, "Payout of ₦10,000 paid")


def test_a_failed_transfer_returns_the_money_to_the_balance(bob_expert, alice_client, bob_earned):
    bank_account(bob_expert, account_number="1234560000")  # the test provider fails these

    with TestCase.captureOnCommitCallbacks(execute=True):
        requested = payout_request(expert=bob_expert, amount=1_000_000)

    requested.refresh_from_db()
    assert requested.status == PayoutStatus.FAILED
    assert requested.failure_reason == "The transfer was failed by the provider."
    assert expert_balance(expert=bob_expert, currency="NGN").available == bob_earned
    failed = Notification.objects.get(user=bob_expert)
    assert failed.kind == NotificationKind.PAYOUT_FAILED
    assert "back in your balance" in failed.body
