"""The whole money path with PAYMENT_PROVIDER=paystack, against the local fake Paystack:
initialize → checkout → callback + signed webhook → verify → held → decline → refund."""

import pytest

from payments.models import Payment
from scheduling.models_booking import BookingEvent
from tests.bookings.helpers import book, fresh

pytestmark = pytest.mark.django_db(transaction=True)


def test_book_pay_and_get_refunded_through_paystack(
    api, api_as, client, alice_client, bob_expert, bob_hour, slot, fake_paystack
):
    alice = api_as(alice_client)

    created = alice.post("/api/v1/bookings", {"area": bob_hour.pk, "start": slot.isoformat()}, format="json")

    assert created.status_code == 201
    payment = created.json()["payment"]
    assert payment["authorization_url"].startswith("https://checkout.paystack.com/")
    initialize = fake_paystack.requests_to("POST", "/transaction/initialize")[0]
    assert initialize.body["reference"] == payment["reference"]
    assert (initialize.body["amount"], initialize.body["currency"], initialize.body["email"]) == (
        1_500_000,
        "NGN",
        "alice@example.com",
    )
    assert initialize.body["callback_url"] == "http://127.0.0.1:8000/payments/callback/"
    assert initialize.authorization == f"Bearer {fake_paystack.secret_key}"

    # The client pays on Paystack's page, which sends the browser back and fires the webhook.
    body, signature = fake_paystack.charge_success_webhook(payment["reference"])
    client.force_login(alice_client)
    back = client.get(f"/payments/callback/?reference={payment['reference']}")
    assert back.status_code == 302 and back["Location"] == f"/bookings/{created.json()['id']}/"
    webhook = api.post(
        "/api/v1/webhooks/paystack", data=body, content_type="application/json", HTTP_X_PAYSTACK_SIGNATURE=signature
    )
    assert webhook.status_code == 200

    booking_id = created.json()["id"]
    seen_by_bob = api_as(bob_expert).get(f"/api/v1/bookings/{booking_id}")
    assert seen_by_bob.status_code == 200
    assert seen_by_bob.json()["payment"]["status"] == "held"
    assert BookingEvent.objects.filter(booking_id=booking_id, action="payment_held").count() == 1

    declined = api_as(bob_expert).post(f"/api/v1/bookings/{booking_id}/decline", {"reason": "Away"}, format="json")

    assert declined.json()["payment"]["status"] == "refunded"
    refund = fake_paystack.requests_to("POST", "/refund")
    assert [request.body for request in refund] == [{"transaction": payment["reference"]}]
    assert Payment.objects.get(reference=payment["reference"]).refund_status == "pending"


def test_a_mismatched_paystack_charge_is_refused_and_refunded(client, alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    fake_paystack.settle(reference, amount=1_000)

    client.force_login(alice_client)
    client.get(f"/payments/callback/?reference={reference}")

    booking = fresh(booking)
    assert (booking.status, booking.call.payment.status) == ("cancelled", "failed")
    assert [request.body for request in fake_paystack.requests_to("POST", "/refund")] == [{"transaction": reference}]


def test_paystack_down_at_the_callback_keeps_the_booking_pending_with_a_message(
    client, alice_client, bob_hour, slot, fake_paystack
):
    booking = book(alice_client, bob_hour, slot)
    fake_paystack.settle(booking.call.payment.reference)
    fake_paystack.failure_status = 502

    client.force_login(alice_client)
    page = client.get(f"/payments/callback/?reference={booking.call.payment.reference}", follow=True)

    assert page.status_code == 200
    assert "We could not confirm your payment with the provider yet." in page.content.decode()
    assert fresh(booking).call.payment.status == "pending"
    assert fresh(booking).status == "pending"
