"""The money routes as an integrator meets them: amounts are whole minor units (a decimal
point is refused, never rounded into a payout), and every answer of balance, payouts and
bank account has the shape /api/schema/ gives for its status."""

import json

import pytest
from rest_framework.test import APIClient

from payments.models_payouts import Payout
from tests.contract.test_schema_matches_answers import conforms

pytestmark = pytest.mark.django_db

WHOLE = "Send a whole number, without a decimal point."


@pytest.fixture(autouse=True)
def minimum(settings):
    settings.PAYOUT_MINIMUM = 100_000


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


@pytest.mark.parametrize("amount", [200_000.0, 1e5, "200000.0", "200000.", "2000.00"])
def test_an_amount_with_a_decimal_point_is_refused_not_rounded(api_as, bob_expert, bob_bank, bob_earned, amount):
    body = json.dumps({"amount": amount})

    response = api_as(bob_expert).post("/api/v1/payouts", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"amount": [WHOLE]}
    assert not Payout.objects.exists()


def test_a_form_amount_with_a_decimal_point_is_refused_too(api_as, bob_expert, bob_bank, bob_earned):
    response = api_as(bob_expert).post("/api/v1/payouts", {"amount": "200000.0"})  # multipart form

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"amount": [WHOLE]}
    assert not Payout.objects.exists()


@pytest.mark.parametrize("amount", [200_000, "200000"])
def test_a_whole_amount_as_a_number_or_digits_is_paid_out_exactly(api_as, bob_expert, bob_bank, bob_earned, amount):
    response = api_as(bob_expert).post("/api/v1/payouts", {"amount": amount}, format="json")

    assert response.status_code == 201
    assert response.json()["amount"] == 200_000
    assert list(Payout.objects.values_list("amount", flat=True)) == [200_000]


def test_every_payout_answer_is_in_the_schema(openapi, api, api_as, alice_client, bob_expert, bob_earned):
    bob = api_as(bob_expert)
    path = "/api/v1/payouts"
    conforms(openapi, bob.post(path, {"amount": 200_000}, format="json"), "post", path)  # 409: no bank account
    account = {"bank_code": "058", "account_number": "0123456789"}
    conforms(openapi, bob.put("/api/v1/bank-account", account, format="json"), "put", "/api/v1/bank-account")
    for body in ({"amount": 200_000}, {"amount": 1.5}, {"amount": 10**9}, {"amount": 200_000, "currency": "GHS"}, []):
        conforms(openapi, bob.post(path, body, format="json"), "post", path)
    conforms(openapi, api_as(alice_client).post(path, {"amount": 200_000}, format="json"), "post", path)
    conforms(openapi, api.post(path, {"amount": 200_000}, format="json"), "post", path)
    conforms(openapi, bob.get(path), "get", path)
    payout_id = Payout.objects.get().pk
    conforms(openapi, bob.get(f"{path}/{payout_id}"), "get", "/api/v1/payouts/{payout_id}")
    conforms(openapi, bob.get(f"{path}/{payout_id + 1}"), "get", "/api/v1/payouts/{payout_id}")
    conforms(openapi, bob.get("/api/v1/balance"), "get", "/api/v1/balance")
    conforms(openapi, api_as(alice_client).get("/api/v1/balance"), "get", "/api/v1/balance")


@pytest.mark.parametrize(
    "body",
    [
        {"bank_code": "058", "account_number": "0123456789"},
        {"bank_code": "999", "account_number": "0123456789"},
        {"bank_code": "058", "account_number": "12"},
        {"bank_code": "058", "account_number": "0123456789", "currency": "USD"},
        [],
    ],
)
def test_every_bank_account_answer_is_in_the_schema(openapi, api_as, bob_expert, body):
    answer = api_as(bob_expert).put("/api/v1/bank-account", body, format="json")

    conforms(openapi, answer, "put", "/api/v1/bank-account")


@pytest.mark.parametrize("trouble", ["refused", "unreadable"])
def test_a_provider_refusal_of_the_bank_account_is_an_answer_the_schema_lists(
    openapi, api_as, bob_expert, fake_paystack, trouble
):
    if trouble == "refused":
        fake_paystack.override = (401, {"status": False, "message": "Invalid key"})
    else:
        fake_paystack.malformed = True
    client = api_as(bob_expert)
    body = {"bank_code": "058", "account_number": "0123456789"}

    conforms(openapi, client.put("/api/v1/bank-account", body, format="json"), "put", "/api/v1/bank-account")
    resolve = "/api/v1/bank-account/resolve"
    conforms(openapi, client.post(resolve, body, format="json"), "post", resolve)
    conforms(openapi, client.get("/api/v1/banks"), "get", "/api/v1/banks")
