"""``GET /api/v1/payments/{id}/receipt``: the API side of ``/payments/<id>/receipt/``,
for the payer only."""

import pytest

from scheduling.models_booking import BookingStatus
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_payment(alice_client, bob_expert):
    return seeded_booking(expert=bob_expert, client=alice_client, amount=1_500_050).call.payment


def _receipt_url(payment) -> str:
    return f"/api/v1/payments/{payment.pk}/receipt"


def test_the_payer_gets_what_the_receipt_page_shows(api_as, alice_client, bob_expert, alices_payment):
    answer = api_as(alice_client).get(_receipt_url(alices_payment))

    assert answer.status_code == 200
    body = answer.json()
    assert body["id"] == alices_payment.pk and body["reference"] == alices_payment.reference
    assert body["amount"] == 1_500_050 and body["total"] == 1_500_050 and body["currency"] == "NGN"
    assert body["service"] == "Career advice" and body["duration_minutes"] == 60
    assert body["billed_to_name"] == "Alice Client" and body["billed_to_email"] == "alice@example.com"
    assert body["expert"] == bob_expert.expert_profile.display_name
    assert body["booking"] == alices_payment.call.booking.pk


def test_a_refunded_payment_totals_nothing(api_as, alice_client, bob_expert):
    refunded = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.CANCELLED).call.payment

    body = api_as(alice_client).get(_receipt_url(refunded)).json()

    assert body["status"] == "refunded" and body["total"] == 0 and body["amount"] > 0


def test_another_clients_payment_is_a_404(api_as, dave_client, alices_payment):
    answer = api_as(dave_client).get(_receipt_url(alices_payment))

    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


def test_a_payment_that_never_took_money_has_no_receipt(api_as, alice_client, bob_expert):
    unpaid = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.EXPIRED).call.payment

    assert api_as(alice_client).get(_receipt_url(unpaid)).status_code == 404


def test_an_expert_is_403_even_for_the_payment_of_their_own_call(api_as, bob_expert, alices_payment):
    answer = api_as(bob_expert).get(_receipt_url(alices_payment))

    assert answer.status_code == 403 and "error" in answer.json()


def test_without_a_token_it_is_401(api, alices_payment):
    assert api.get(_receipt_url(alices_payment)).status_code == 401
