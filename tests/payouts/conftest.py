"""Payout fixtures: bob with earnings and a bank account (test provider)."""

import pytest

from tests.payouts.factories import bank_account, earning


@pytest.fixture
def bob_bank(bob_expert):
    """Bob's payout account at GTBank (the test provider pays it)."""
    return bank_account(bob_expert)


@pytest.fixture
def bob_earned(bob_expert, alice_client):
    """Bob completed two ₦15,000 calls: he earned ₦27,000 (90 %)."""
    for _ in range(2):
        earning(bob_expert, alice_client, 1_500_000)
    return 2_700_000


@pytest.fixture
def bob_paystack_account(fake_paystack, bob_expert):
    """Bob's account saved through the real Paystack client (against the fake)."""
    from payments.bank_accounts import bank_account_set

    fake_paystack.accounts[("0123456789", "058")] = "BOB EXPERT"
    return bank_account_set(expert=bob_expert, currency="NGN", bank_code="058", account_number="0123456789")


@pytest.fixture
def sent_payout(fake_paystack, bob_expert, bob_paystack_account, bob_earned, settings):
    """A ₦10,000 payout Paystack has accepted and not settled yet (``processing``)."""
    from django.test import TestCase

    from payments.payout_services import payout_request

    settings.PAYOUT_MINIMUM = 100_000
    with TestCase.captureOnCommitCallbacks(execute=True):
        payout = payout_request(expert=bob_expert, amount=1_000_000)
    payout.refresh_from_db()
    assert payout.status == "processing"
    return payout
