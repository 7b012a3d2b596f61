"""The expert's payout pages: balance, request form, history; the bank account in two
steps (see the name on the account, then save it)."""

import pytest
from django.test import TestCase

from payments.models_payouts import BankAccount, Payout, PayoutStatus
from tests.payouts.factories import payout

pytestmark = pytest.mark.django_db

PAYOUTS, BANK = "/payments/payouts/", "/payments/bank-account/"


def test_the_payouts_page_shows_balance_account_and_history(client, bob_expert, bob_bank, bob_earned):
    payout(bob_expert, 500_000, PayoutStatus.FAILED)
    client.force_login(bob_expert)

    page = client.get(PAYOUTS).content.decode()

    assert "₦27,000" in page  # available: the failed payout is back in the balance
    assert "••••••6789" in page and "0123456789" not in page
    assert "Failed" in page and "₦5,000" in page
    assert "Test mode — no money moves." in page


def test_requesting_a_payout_from_the_page(client, bob_expert, bob_bank, bob_earned, settings):
    settings.PAYOUT_MINIMUM = 100_000
    client.force_login(bob_expert)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(PAYOUTS, {"amount_major": "12500.50"}, follow=True)

    assert response.redirect_chain == [(PAYOUTS, 302)]
    assert "Payout of ₦12,500.50 requested." in response.content.decode()
    assert Payout.objects.get(expert=bob_expert).amount == 1_250_050


def test_a_payout_above_the_balance_is_shown_on_the_form(client, bob_expert, bob_bank, bob_earned):
    client.force_login(bob_expert)

    response = client.post(PAYOUTS, {"amount_major": "27000.01"})

    assert response.status_code == 400
    assert "You can withdraw at most ₦27,000." in response.content.decode()
    assert not Payout.objects.exists()


def test_without_a_bank_account_the_page_says_to_add_one(client, bob_expert, bob_earned):
    client.force_login(bob_expert)

    page = client.get(PAYOUTS).content.decode()

    assert "Add a bank account" in page
    assert 'name="amount_major"' not in page


def test_payout_pages_are_for_experts_only(client, alice_client):
    assert client.get(PAYOUTS).status_code == 302  # to the login page
    client.force_login(alice_client)
    assert client.get(PAYOUTS).status_code == 403
    assert client.get(BANK).status_code == 403
    assert (
        client.post(
            BANK, {"step": "save", "currency": "NGN", "bank_code": "058", "account_number": "0123456789"}
        ).status_code
        == 403
    )
    assert not BankAccount.objects.exists()


def test_adding_a_bank_account_shows_the_name_before_saving(client, bob_expert):
    client.force_login(bob_expert)
    assert "Guaranty Trust Bank" in client.get(BANK).content.decode()
    details = {"currency": "NGN", "bank_code": "058", "account_number": "0123456789"}

    checked = client.post(BANK, {**details, "step": "resolve"})

    assert "TEST ACCOUNT 6789" in checked.content.decode()
    assert not BankAccount.objects.exists()
    saved = client.post(BANK, {**details, "step": "save"})
    assert saved.status_code == 302 and saved["Location"] == PAYOUTS
    assert BankAccount.objects.get(expert=bob_expert).recipient_code == "RCP_test_058_0123456789"


def test_a_wrong_account_number_is_shown_on_the_form(client, bob_expert):
    client.force_login(bob_expert)

    response = client.post(BANK, {"currency": "NGN", "bank_code": "058", "account_number": "12", "step": "resolve"})

    assert response.status_code == 400
    assert "Enter the account number: 6 to 20 digits." in response.content.decode()


def test_the_bank_list_follows_the_chosen_currency(client, bob_expert):
    client.force_login(bob_expert)

    page = client.get(BANK + "?currency=GHS").content.decode()

    assert "MTN Mobile Money" in page and "Guaranty Trust Bank" not in page


@pytest.mark.parametrize("trouble", ["refused", "unreadable"])
def test_a_bank_list_paystack_refuses_or_garbles_is_a_calm_message(client, bob_expert, fake_paystack, trouble):
    if trouble == "refused":
        fake_paystack.override = (401, {"status": False, "message": "Invalid key"})
    else:
        fake_paystack.malformed = True
    client.force_login(bob_expert)
    details = {"currency": "NGN", "bank_code": "058", "account_number": "0123456789", "step": "resolve"}

    shown, posted = client.get(BANK), client.post(BANK, details)

    assert (shown.status_code, posted.status_code) == (200, 400)
    for response in (shown, posted):
        assert "The list of banks cannot be loaded right now. Please try again later." in response.content.decode()
    assert not BankAccount.objects.exists()
