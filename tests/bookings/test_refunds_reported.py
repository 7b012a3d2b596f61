"""Refunds Paystack reports that we did not record: a ``refund.processed`` webhook for a
payment still held (refunded in Paystack's dashboard, or our refund's answer was lost)
refunds it after verifying, and ends a booking still on; anything odd is flagged."""

import pytest

from payments.models import Payment, WebhookEvent
from payments.refunds_reported import minor_units
from payments.services import payment_release
from scheduling.bookings.payments import booking_payment_confirm
from scheduling.bookings.transitions import booking_accept, booking_cancel
from tests.bookings.helpers import book, fresh
from tests.fakes.paystack import signed_webhook

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/webhooks/paystack"


def deliver(api, body: bytes, signature: str):
    return api.post(URL, data=body, content_type="application/json", HTTP_X_PAYSTACK_SIGNATURE=signature)


def refund_processed(reference: str, *, amount=1_500_000, currency="NGN", refund_reference="RF_dash_1"):
    data = {
        "transaction_reference": reference,
        "refund_reference": refund_reference,
        "status": "processed",
        "amount": amount,
        "currency": currency,
    }
    return signed_webhook("refund.processed", data)


@pytest.fixture
def held(alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    fake_paystack.settle(booking.call.payment.reference)
    booking_payment_confirm(reference=booking.call.payment.reference)
    return fresh(booking)


@pytest.mark.parametrize("accepted", [False, True])
def test_a_dashboard_refund_of_a_held_payment_refunds_it_and_cancels_the_booking(
    api, held, bob_expert, fake_paystack, accepted
):
    if accepted:
        booking_accept(booking=held, actor=bob_expert)
    reference = held.call.payment.reference
    fake_paystack.settle(reference, "reversed")

    answer = deliver(api, *refund_processed(reference, amount="1500000"))  # Paystack may send digit strings

    assert answer.json() == {"status": "processed"}
    booking = fresh(held)
    payment = booking.call.payment
    assert (payment.status, payment.refund_status, payment.needs_attention) == ("refunded", "processed", False)
    assert payment.refunded_at is not None
    assert (booking.status, booking.call.status, booking.call.active) == ("cancelled", "cancelled", False)
    assert booking.events.filter(action="refunded").count() == 1
    assert booking.events.get(action="cancelled").data["by"] == "provider"
    assert fake_paystack.requests_to("GET", f"/transaction/verify/{reference}")  # the body alone is not trusted
    assert not fake_paystack.requests_to("POST", "/refund")  # nothing is refunded twice


def test_the_same_refund_delivered_again_has_no_second_effect(api, held, fake_paystack):
    reference = held.call.payment.reference
    fake_paystack.settle(reference, "reversed")
    body, signature = refund_processed(reference)
    deliver(api, body, signature)

    assert deliver(api, body, signature).json() == {"status": "duplicate"}
    # Another delivery naming the same refund differently (no dedupe) changes nothing either.
    deliver(api, *refund_processed(reference, refund_reference="RF_dash_again"))
    assert fresh(held).events.filter(action="refunded").count() == 1
    assert fresh(held).events.filter(action="cancelled").count() == 1
    assert fresh(held).call.payment.status == "refunded"


def test_a_refund_event_the_transaction_does_not_confirm_leaves_the_payment_held_and_flagged(api, held, fake_paystack):
    """Verify still says ``success`` (a partial refund, or a payload that lies): no value moves."""
    reference = held.call.payment.reference

    answer = deliver(api, *refund_processed(reference))

    assert answer.status_code == 200
    booking = fresh(held)
    assert (booking.status, booking.call.payment.status) == ("pending", "held")
    assert booking.call.payment.needs_attention
    assert "₦15,000" in booking.call.payment.refund_error
    assert not booking.events.filter(action__in=["refunded", "cancelled"]).exists()


def test_a_partial_refund_at_the_provider_is_flagged_not_taken_as_full(api, held, fake_paystack):
    reference = held.call.payment.reference
    fake_paystack.settle(reference, "reversed")

    deliver(api, *refund_processed(reference, amount=500_000))

    payment = fresh(held).call.payment
    assert payment.status == "held" and payment.needs_attention
    assert fresh(held).status == "pending"


def test_a_refund_of_money_already_released_is_flagged_and_keeps_the_release(api, held, bob_expert, fake_paystack):
    payment = held.call.payment
    payment_release(payment_id=payment.pk)
    fake_paystack.settle(payment.reference, "reversed")

    deliver(api, *refund_processed(payment.reference))

    payment.refresh_from_db()
    assert (payment.status, payment.expert_share) == ("succeeded", 1_350_000)
    assert payment.needs_attention


def test_our_own_refund_whose_answer_was_lost_is_settled_by_the_webhook(api, held, alice_client, fake_paystack):
    reference = held.call.payment.reference
    fake_paystack.failure_status = 504  # Paystack queued the refund, our request timed out
    booking_cancel(booking=held, actor=alice_client)
    assert fresh(held).call.payment.status == "held"
    fake_paystack.failure_status = None
    fake_paystack.settle(reference, "reversed")

    deliver(api, *refund_processed(reference))

    booking = fresh(held)
    assert (booking.status, booking.call.payment.status) == ("cancelled", "refunded")
    assert booking.call.payment.refund_error == ""
    assert booking.events.filter(action="refunded").count() == 1
    assert booking.events.filter(action="cancelled").count() == 1


@pytest.mark.parametrize("event", ["refund.processed", "refund.failed", "refund.pending"])
def test_a_refund_event_for_a_charge_that_is_not_ours_is_ignored(api, held, fake_paystack, event):
    data = {"transaction_reference": "payment-link-77", "refund_reference": "RF_x", "status": event[7:]}

    answer = deliver(api, *signed_webhook(event, {**data, "amount": 100, "currency": "NGN"}))

    assert answer.json() == {"status": "ignored"}
    assert WebhookEvent.objects.get().processed_at is not None
    assert Payment.objects.get().refund_status == ""


@pytest.mark.parametrize(
    ("sent", "read"),
    [(150000, 150000), ("150000", 150000), (" 42 ", 42), (True, None), ("1.5", None), ("²", None), ("", None), (None, None)],
)
def test_a_reported_amount_is_read_as_whole_minor_units_or_not_at_all(sent, read):
    assert minor_units(sent) == read
