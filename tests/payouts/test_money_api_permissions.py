"""Who may call each money endpoint: experts only, each only with their own rows."""

import pytest

from tests.payouts.factories import payout

pytestmark = pytest.mark.django_db

EXPERT_ENDPOINTS = [
    ("get", "/api/v1/banks", None),
    ("get", "/api/v1/bank-account", None),
    ("put", "/api/v1/bank-account", {"bank_code": "058", "account_number": "0123456789"}),
    ("post", "/api/v1/bank-account/resolve", {"bank_code": "058", "account_number": "0123456789"}),
    ("get", "/api/v1/balance", None),
    ("get", "/api/v1/payouts", None),
    ("post", "/api/v1/payouts", {"amount": 100_000}),
]


def _call(client, method, url, body):
    return getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)


@pytest.mark.parametrize(("method", "url", "body"), EXPERT_ENDPOINTS)
def test_anonymous_callers_get_401(api, method, url, body):
    assert _call(api, method, url, body).status_code == 401


@pytest.mark.parametrize(("method", "url", "body"), EXPERT_ENDPOINTS)
def test_clients_get_403(api_as, alice_client, method, url, body):
    response = _call(api_as(alice_client), method, url, body)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only experts can do this."


@pytest.mark.parametrize(
    ("method", "url", "body", "expected"),
    [
        ("get", "/api/v1/banks", None, 200),
        ("get", "/api/v1/bank-account", None, 404),  # none yet: allowed, just absent
        ("put", "/api/v1/bank-account", {"bank_code": "058", "account_number": "0123456789"}, 200),
        ("post", "/api/v1/bank-account/resolve", {"bank_code": "058", "account_number": "0123456789"}, 200),
        ("get", "/api/v1/balance", None, 200),
        ("get", "/api/v1/payouts", None, 200),
        ("post", "/api/v1/payouts", {"amount": 100_000}, 409),  # allowed; no bank account yet
    ],
)
def test_experts_may_call_each(api_as, bob_expert, method, url, body, expected):
    assert _call(api_as(bob_expert), method, url, body).status_code == expected


def test_an_expert_sees_only_their_own_payouts(api_as, bob_expert, carol_expert):
    bobs = payout(bob_expert, 100_000)
    carols = payout(carol_expert, 200_000)
    client = api_as(bob_expert)

    listed = client.get("/api/v1/payouts").json()

    assert [row["id"] for row in listed["results"]] == [bobs.pk]
    assert client.get(f"/api/v1/payouts/{bobs.pk}").status_code == 200
    assert client.get(f"/api/v1/payouts/{carols.pk}").status_code == 404
    assert api_as(carol_expert).get(f"/api/v1/payouts/{carols.pk}").json()["amount"] == 200_000


def test_payout_detail_needs_an_expert(api, api_as, alice_client, bob_expert):
    bobs = payout(bob_expert, 100_000)

    assert api.get(f"/api/v1/payouts/{bobs.pk}").status_code == 401
    assert api_as(alice_client).get(f"/api/v1/payouts/{bobs.pk}").status_code == 403
