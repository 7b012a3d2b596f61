"""Paying holds the money in escrow, only after a server-side verify, and only then does
the request reach the expert (test provider: its checkout, callback and webhook)."""

import pytest

from payments.models import Payment, TestTransaction, WebhookEvent
from payments.providers.test import checkout_pay
from scheduling.models_booking import BookingEvent
from tests.bookings.helpers import book, fresh, pay

pytestmark = pytest.mark.django_db(transaction=True)


def test_paying_on_the_checkout_holds_the_payment_through_the_webhook(alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)

    payment = pay(booking)

    assert payment.status == "held"
    assert payment.held_at is not None
    assert fresh(booking).status == "pending"
    assert list(booking.events.values_list("action", flat=True)) == ["created", "payment_held"]
    assert WebhookEvent.objects.get().dedupe_key == f"charge.success:{payment.reference}"


def test_the_callback_verifies_and_lands_on_the_booking_page(client, alice_client, bob_hour, slot, monkeypatch):
    # The webhook is lost on the way: the callback alone must hold the payment.
    monkeypatch.setattr("payments.providers.test.WEBHOOK_HANDLER", "tests.payments.webhook_inbox.receive")
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    checkout_pay(reference=reference)
    assert Payment.objects.get(reference=reference).status == "pending"

    client.force_login(alice_client)
    answer = client.get(f"/payments/callback/?reference={reference}", follow=True)

    assert answer.redirect_chain[-1][0] == f"/bookings/{booking.pk}/"
    assert Payment.objects.get(reference=reference).status == "held"
    assert "Payment received. Your request is with the expert now." in answer.content.decode()


def test_the_callback_before_paying_keeps_the_booking_pending(client, alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    client.force_login(alice_client)
    answer = client.get(f"/payments/callback/?reference={booking.call.payment.reference}", follow=True)
    assert "Your payment is not complete yet." in answer.content.decode()
    assert fresh(booking).call.payment.status == "pending"


def test_callback_and_webhook_together_hold_once(client, alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    payment = pay(booking)
    client.get(f"/payments/callback/?reference={payment.reference}")
    client.get(f"/payments/callback/?reference={payment.reference}")
    assert BookingEvent.objects.filter(booking=booking, action="payment_held").count() == 1


def test_an_unknown_reference_at_the_callback_is_a_404(client):
    assert client.get("/payments/callback/?reference=pm-nope").status_code == 404


def test_the_expert_sees_the_request_only_once_paid(api_as, alice_client, bob_expert, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    bob = api_as(bob_expert)
    assert bob.get("/api/v1/bookings").json()["count"] == 0
    assert bob.get(f"/api/v1/bookings/{booking.pk}").status_code == 404
    assert api_as(alice_client).get("/api/v1/bookings").json()["count"] == 1

    pay(booking)

    listed = bob.get("/api/v1/bookings").json()
    assert [item["id"] for item in listed["results"]] == [booking.pk]
    assert listed["results"][0]["payment"]["status"] == "held"
    assert listed["results"][0]["payment"]["authorization_url"] is None


def test_a_charge_for_another_amount_is_refused_and_returned(alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    TestTransaction.objects.filter(reference=reference).update(amount=100)  # the payer paid ₦1

    pay(booking)

    booking = fresh(booking)
    payment = booking.call.payment
    assert payment.status == "failed"
    assert payment.failure_reason.startswith("mismatch: charged 100 NGN")
    assert payment.held_at is None
    assert booking.status == "cancelled"
    assert (booking.call.status, booking.call.active) == ("cancelled", False)
    assert TestTransaction.objects.get(reference=reference).status == "reversed"  # the ₦1 went back
    assert payment.refund_status == "processed"  # the provider's refund.processed webhook came back


def test_a_charge_in_another_currency_is_refused(alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    TestTransaction.objects.filter(reference=booking.call.payment.reference).update(currency="GHS")
    pay(booking)
    assert fresh(booking).call.payment.status == "failed"
    assert fresh(booking).status == "cancelled"


def test_the_callback_reports_a_refused_charge(client, alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    TestTransaction.objects.filter(reference=booking.call.payment.reference).update(amount=100)
    pay(booking)
    client.force_login(alice_client)
    answer = client.get(f"/payments/callback/?reference={booking.call.payment.reference}", follow=True)
    assert "We could not accept this payment." in answer.content.decode()
