"""``POST /api/v1/payments/{id}/verify``: what the checkout's return to
``/payments/callback/`` does, for an API client whose payer came back from the checkout
(the webhook is lost on the way in these tests, so only the verify can hold the money)."""

import pytest

from payments.models import Payment
from payments.providers.test import checkout_pay
from tests.bookings.helpers import book, fresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lost_webhooks(monkeypatch):
    monkeypatch.setattr("payments.providers.test.WEBHOOK_HANDLER", "tests.payments.webhook_inbox.receive")


@pytest.fixture
def booking(alice_client, bob_hour, slot, lost_webhooks):
    return book(alice_client, bob_hour, slot)


def _verify_url(booking) -> str:
    return f"/api/v1/payments/{booking.call.payment.pk}/verify"


def test_a_paid_charge_is_held_and_reaches_the_expert(api_as, alice_client, booking):
    checkout_pay(reference=booking.call.payment.reference)
    assert Payment.objects.get(pk=booking.call.payment.pk).status == "pending"

    answer = api_as(alice_client).post(_verify_url(booking))

    assert answer.status_code == 200
    assert answer.json()["status"] == "held" and answer.json()["booking"] == booking.pk
    assert list(fresh(booking).events.values_list("action", flat=True)) == ["created", "payment_held"]


def test_verifying_twice_holds_once(api_as, alice_client, booking):
    checkout_pay(reference=booking.call.payment.reference)
    alice = api_as(alice_client)

    alice.post(_verify_url(booking))
    answer = alice.post(_verify_url(booking))

    assert answer.status_code == 200 and answer.json()["status"] == "held"
    assert fresh(booking).events.filter(action="payment_held").count() == 1


def test_before_paying_the_payment_stays_pending(api_as, alice_client, booking):
    answer = api_as(alice_client).post(_verify_url(booking))

    assert answer.status_code == 200 and answer.json()["status"] == "pending"
    assert fresh(booking).status == "pending" and fresh(booking).call.payment.status == "pending"


def test_another_clients_payment_is_a_404_and_stays_unheld(api_as, dave_client, booking):
    checkout_pay(reference=booking.call.payment.reference)

    answer = api_as(dave_client).post(_verify_url(booking))

    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert fresh(booking).call.payment.status == "pending"


def test_an_expert_is_403(api_as, bob_expert, booking):
    answer = api_as(bob_expert).post(_verify_url(booking))

    assert answer.status_code == 403 and "error" in answer.json()


def test_without_a_token_it_is_401(api, booking):
    assert api.post(_verify_url(booking)).status_code == 401
