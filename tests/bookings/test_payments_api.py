"""GET /api/v1/payments: each participant's payments, nobody else's."""

import datetime as dt

import pytest

from tests.bookings.helpers import book, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_client_lists_their_payments(api_as, alice_client, bob_hour, slot):
    booking = paid_booking(alice_client, bob_hour, slot)
    answer = api_as(alice_client).get("/api/v1/payments")
    assert answer.status_code == 200
    [payment] = answer.json()["results"]
    assert payment["booking"] == booking.pk
    assert (payment["status"], payment["amount"], payment["currency"]) == ("held", 1_500_000, "NGN")
    assert payment["platform_fee"] is None and payment["expert_share"] is None


def test_the_expert_lists_paid_bookings_only(api_as, alice_client, dave_client, bob_expert, bob_hour, slot):
    paid_booking(alice_client, bob_hour, slot)
    book(dave_client, bob_hour, slot + dt.timedelta(hours=2))  # not paid: not the expert's business yet
    assert api_as(bob_expert).get("/api/v1/payments").json()["count"] == 1


def test_strangers_see_no_payments(api, api_as, dave_client, carol_expert, alice_client, bob_hour, slot):
    paid_booking(alice_client, bob_hour, slot)
    assert api_as(dave_client).get("/api/v1/payments").json()["count"] == 0
    assert api_as(carol_expert).get("/api/v1/payments").json()["count"] == 0
    assert api.get("/api/v1/payments").status_code == 401
