"""Refunds go through the provider's refund API (test provider and Paystack), are
idempotent, and a refund the provider refuses is kept, flagged and retried."""

import pytest

from payments.models import TestTransaction
from payments.services import payment_refund, payment_refund_update
from scheduling.bookings.payments import booking_payment_confirm, booking_refund, booking_refunds_retry
from scheduling.bookings.transitions import booking_cancel, booking_decline
from scheduling.tasks import booking_refunds_retry_task
from tests.bookings.helpers import book, fresh, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_decline_refunds_through_the_test_provider(alice_client, bob_expert, bob_hour, slot):
    booking = paid_booking(alice_client, bob_hour, slot)
    booking_decline(booking=booking, actor=bob_expert)

    payment = fresh(booking).call.payment
    charge = TestTransaction.objects.get(reference=payment.reference)
    assert (payment.status, charge.status, charge.refunded_amount) == ("refunded", "reversed", 1_500_000)
    # the provider's refund.processed webhook came back and was recorded
    assert payment.refund_status == "processed"
    assert payment.refunded_at is not None


def test_refunding_twice_asks_the_provider_once(alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    payment = booking.call.payment
    fake_paystack.settle(payment.reference)
    booking_payment_confirm(reference=payment.reference)
    booking_cancel(booking=booking, actor=alice_client)

    assert fresh(booking).call.payment.status == "refunded"
    payment_refund(payment_id=payment.pk)
    booking_refund(booking_id=booking.pk)
    assert len(fake_paystack.requests_to("POST", "/refund")) == 1
    assert fake_paystack.requests_to("POST", "/refund")[0].body == {"transaction": payment.reference}
    assert booking.events.filter(action="refunded").count() == 1


def test_a_refused_refund_stays_held_flagged_and_is_retried(alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    fake_paystack.settle(reference)
    booking_payment_confirm(reference=reference)
    fake_paystack.failure_status = 500

    booking_cancel(booking=booking, actor=alice_client)

    payment = fresh(booking).call.payment
    assert fresh(booking).status == "cancelled"
    assert payment.status == "held"
    assert payment.refund_error and payment.needs_attention

    assert booking_refunds_retry() == 0  # still down: nothing changes, nothing is lost
    fake_paystack.failure_status = None
    result = booking_refunds_retry_task.apply()
    assert result.successful() and result.result == 1

    payment.refresh_from_db()
    assert (payment.status, payment.refund_error, payment.needs_attention) == ("refunded", "", False)
    assert booking_refunds_retry() == 0


def test_a_charge_already_reversed_at_the_provider_counts_as_refunded(alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    fake_paystack.settle(reference)
    booking_payment_confirm(reference=reference)
    fake_paystack.settle(reference, "reversed")  # refunded earlier; our answer was lost

    booking_cancel(booking=booking, actor=alice_client)

    assert fresh(booking).call.payment.status == "refunded"


def test_nothing_is_refunded_for_an_unpaid_booking(alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    booking_cancel(booking=booking, actor=alice_client)
    assert fresh(booking).call.payment.status == "failed"
    assert fake_paystack.requests_to("POST", "/refund") == []


def test_a_mismatched_charge_whose_refund_never_ran_is_refunded_by_the_job(
    monkeypatch, alice_client, bob_hour, slot, fake_paystack
):
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    fake_paystack.settle(reference, amount=1_000)  # not the price: refused and owed back
    with monkeypatch.context() as crash:
        # The process dies between the commit and the after-commit refund.
        crash.setattr("scheduling.bookings.payments.payment_return_mismatched", lambda **kwargs: None)
        booking_payment_confirm(reference=reference)
    payment = fresh(booking).call.payment
    assert (payment.status, payment.refund_status) == ("failed", "")

    assert booking_refunds_retry() == 1

    payment.refresh_from_db()
    assert (payment.status, payment.refund_status) == ("failed", "pending")
    assert [request.body for request in fake_paystack.requests_to("POST", "/refund")] == [{"transaction": reference}]
    assert booking_refunds_retry() == 0


def test_a_refund_the_provider_reports_failed_is_asked_for_again(alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    fake_paystack.settle(reference)
    booking_payment_confirm(reference=reference)
    booking_cancel(booking=booking, actor=alice_client)
    payment_refund_update(reference=reference, status="failed")  # Paystack's refund.failed
    payment = fresh(booking).call.payment
    assert (payment.status, payment.refund_status, payment.needs_attention) == ("refunded", "failed", True)

    assert booking_refunds_retry() == 1

    payment.refresh_from_db()
    assert (payment.refund_status, payment.refund_error, payment.needs_attention) == ("pending", "", False)
    assert len(fake_paystack.requests_to("POST", "/refund")) == 2
    assert booking_refunds_retry() == 0


def test_a_late_refund_pending_never_undoes_processed(alice_client, bob_hour, slot, fake_paystack):
    booking = book(alice_client, bob_hour, slot)
    reference = booking.call.payment.reference
    fake_paystack.settle(reference)
    booking_payment_confirm(reference=reference)
    booking_cancel(booking=booking, actor=alice_client)

    payment_refund_update(reference=reference, status="processed")
    payment_refund_update(reference=reference, status="pending")

    assert fresh(booking).call.payment.refund_status == "processed"


def test_the_test_checkout_of_a_cancelled_booking_takes_no_money(client, alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    checkout = f"/payments/test-checkout/{booking.call.payment.reference}/"
    booking_cancel(booking=booking, actor=alice_client)  # unpaid: the payment closes as failed

    page = client.get(checkout).content.decode()
    client.post(f"{checkout}pay/")

    assert "no longer waits for payment" in page and "Fail the payment" not in page
    assert TestTransaction.objects.get(reference=booking.call.payment.reference).status == "abandoned"
    assert fresh(booking).call.payment.status == "failed"
