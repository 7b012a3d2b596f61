"""POST /api/v1/webhooks/paystack: the signature on the raw body first, then each event
once. Forged, unsigned or replayed deliveries change nothing."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from payments.models import Payment, WebhookEvent
from payments.services import webhook_events_retry
from payments.webhooks import paystack_signature
from scheduling.bookings.payments import booking_payment_confirm
from scheduling.bookings.transitions import booking_cancel
from scheduling.models_booking import BookingEvent
from tests.bookings.helpers import book, fresh
from tests.fakes.paystack import signed_webhook

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/webhooks/paystack"


def deliver(api, body: bytes, signature: str | None):
    headers = {"HTTP_X_PAYSTACK_SIGNATURE": signature} if signature is not None else {}
    return api.post(URL, data=body, content_type="application/json", **headers)


@pytest.fixture
def booking(alice_client, bob_hour, slot, fake_paystack):
    return book(alice_client, bob_hour, slot)


def test_a_signed_charge_success_holds_the_payment_after_verifying(api, booking, fake_paystack):
    reference = booking.call.payment.reference
    body, signature = fake_paystack.charge_success_webhook(reference)

    answer = deliver(api, body, signature)

    assert answer.status_code == 200
    assert answer.json() == {"status": "processed"}
    assert fresh(booking).call.payment.status == "held"
    assert fake_paystack.requests_to("GET", f"/transaction/verify/{reference}")  # never trusted the body alone


def test_a_duplicate_delivery_has_no_second_effect(api, booking, fake_paystack):
    body, signature = fake_paystack.charge_success_webhook(booking.call.payment.reference)
    deliver(api, body, signature)

    again = deliver(api, body, signature)

    assert again.status_code == 200
    assert again.json() == {"status": "duplicate"}
    assert WebhookEvent.objects.count() == 1
    assert BookingEvent.objects.filter(booking=booking, action="payment_held").count() == 1


@pytest.mark.parametrize("signature", [None, "", "0" * 128, "not-hex"])
def test_a_missing_or_wrong_signature_is_a_401_and_changes_nothing(api, booking, fake_paystack, signature):
    body, _good = fake_paystack.charge_success_webhook(booking.call.payment.reference)
    answer = deliver(api, body, signature)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "webhook_signature_invalid"
    assert fresh(booking).call.payment.status == "pending"
    assert not WebhookEvent.objects.exists()


def test_a_forged_body_with_a_real_signature_of_another_body_is_refused(api, booking, fake_paystack):
    reference = booking.call.payment.reference
    _body, signature = fake_paystack.charge_success_webhook(reference)
    forged = json.dumps({"event": "charge.success", "data": {"reference": reference, "amount": 1}}).encode()
    assert deliver(api, forged, signature).status_code == 401
    assert fresh(booking).call.payment.status == "pending"


def test_a_body_signed_with_another_key_is_refused(api, booking, fake_paystack):
    body, signature = signed_webhook("charge.success", {"reference": booking.call.payment.reference}, "sk_test_other")
    assert deliver(api, body, signature).status_code == 401


def test_a_signed_charge_success_for_an_unpaid_charge_holds_nothing(api, booking, fake_paystack):
    """The body claims success; Paystack's verify says otherwise: the verify wins."""
    reference = booking.call.payment.reference
    body, signature = signed_webhook("charge.success", {"reference": reference, "status": "success"})
    assert deliver(api, body, signature).status_code == 200
    assert fresh(booking).call.payment.status == "pending"


def test_signed_garbage_is_a_400(api, fake_paystack):
    body = b"not json"
    answer = deliver(api, body, paystack_signature(body, fake_paystack.secret_key))
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "webhook_payload_invalid"


def test_unknown_events_are_acknowledged_and_ignored(api, fake_paystack):
    body, signature = signed_webhook("subscription.create", {"reference": "SUB_1"})
    answer = deliver(api, body, signature)
    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})
    body, signature = signed_webhook("customeridentification.success", {"customer_id": 1})
    assert deliver(api, body, signature).json() == {"status": "ignored"}


def test_a_charge_of_a_payment_that_is_not_ours_is_ignored_not_retried(api, fake_paystack):
    body, signature = signed_webhook("charge.success", {"reference": "payment-link-123", "amount": 500})

    answer = deliver(api, body, signature)

    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})
    assert WebhookEvent.objects.get().processed_at is not None  # nothing left for the retry job


def test_a_refund_event_updates_the_refund(api, booking, fake_paystack, alice_client):
    reference = booking.call.payment.reference
    fake_paystack.settle(reference)
    booking_payment_confirm(reference=reference)
    booking_cancel(booking=booking, actor=alice_client)
    assert Payment.objects.get(reference=reference).refund_status == "pending"

    data = {"transaction_reference": reference, "refund_reference": "RF_1", "status": "processed", "amount": 1_500_000}
    deliver(api, *signed_webhook("refund.processed", {**data, "currency": "NGN"}))
    assert Payment.objects.get(reference=reference).refund_status == "processed"

    failed = {**data, "refund_reference": "RF_2", "status": "failed", "currency": "NGN"}
    deliver(api, *signed_webhook("refund.failed", failed))
    assert Payment.objects.get(reference=reference).needs_attention


def test_an_event_that_could_not_be_processed_is_kept_and_retried(api, booking, fake_paystack):
    reference = booking.call.payment.reference
    body, signature = fake_paystack.charge_success_webhook(reference)
    fake_paystack.failure_status = 503  # verify cannot reach Paystack

    answer = deliver(api, body, signature)

    assert (answer.status_code, answer.json()) == (200, {"status": "failed"})
    event = WebhookEvent.objects.get()
    assert event.processed_at is None and event.attempts == 1
    assert fresh(booking).call.payment.status == "pending"

    fake_paystack.failure_status = None
    assert webhook_events_retry(now=timezone.now() + dt.timedelta(minutes=5)) == 1
    assert fresh(booking).call.payment.status == "held"
    assert deliver(api, body, signature).json() == {"status": "duplicate"}
