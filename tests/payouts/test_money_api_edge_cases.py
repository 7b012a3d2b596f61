"""Edge cases of the money API an integrator can hit: odd payout amounts and currencies,
and Paystack refusing or garbling the bank list (a clear 502, never a 500)."""

import pytest

from payments.models_payouts import BankAccount, Payout
from tests.payouts.factories import earning

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def minimum(settings):
    settings.PAYOUT_MINIMUM = 100_000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": 10**25}, "amount"),  # far above the balance, far beyond any column
        ({"amount": 2**63}, "amount"),
        ({"amount": True}, "amount"),
        ({"amount": None}, "amount"),
        ({"amount": "2e5"}, "amount"),
        ({"amount": 1e30}, "amount"),
        ({"amount": [200_000]}, "amount"),
        ({"amount": 200_000, "currency": None}, "currency"),
        ({"amount": 200_000, "currency": "NGNX"}, "currency"),
    ],
)
def test_odd_payout_bodies_are_field_errors(api_as, bob_expert, bob_bank, bob_earned, body, field):
    response = api_as(bob_expert).post("/api/v1/payouts", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Payout.objects.exists()


def test_a_balance_in_another_currency_is_not_paid_to_this_account(
    api_as, bob_expert, alice_client, bob_bank, bob_earned
):
    earning(bob_expert, alice_client, 1_000_000, currency="GHS")

    response = api_as(bob_expert).post("/api/v1/payouts", {"amount": 200_000, "currency": "ghs"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["currency"] == ["Your bank account receives NGN."]


def test_a_lower_case_currency_of_the_account_is_accepted(api_as, bob_expert, bob_bank, bob_earned):
    response = api_as(bob_expert).post("/api/v1/payouts", {"amount": 200_000, "currency": "ngn"}, format="json")

    assert response.status_code == 201
    assert response.json()["currency"] == "NGN"


@pytest.mark.parametrize("trouble", ["refused", "unreadable"])
def test_a_bank_list_paystack_refuses_or_garbles_is_a_502(api_as, bob_expert, fake_paystack, trouble):
    if trouble == "refused":
        fake_paystack.override = (401, {"status": False, "message": "Invalid key"})
    else:
        fake_paystack.malformed = True
    client = api_as(bob_expert)

    for response in (
        client.get("/api/v1/banks"),
        client.put("/api/v1/bank-account", {"bank_code": "058", "account_number": "0123456789"}, format="json"),
    ):
        assert response.status_code == 502
        assert response.json()["error"]["code"] == "payment_provider_error"
    assert not BankAccount.objects.exists()
