"""The test provider's whole path in a browser, beyond the happy path: a failed attempt
returns to the booking, which offers paying again; a checkout kept after the booking was
cancelled takes no money; the expert proposes a new time and the client accepts it.
Every page passes the accessibility check."""

import pytest
from playwright.sync_api import expect

from payments.models import Payment, TestTransaction
from scheduling.bookings.transitions import booking_cancel
from scheduling.models_booking import Booking
from tests.bookings.helpers import book, lagos_at, paid_booking
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Africa/Lagos"}


def test_a_failed_payment_returns_to_the_booking_and_can_be_paid_again(
    page, logged_in_page, site, alice_client, bob_service
):
    booking = book(alice_client, bob_service, lagos_at(days=2, time="10:00"))
    logged_in_page(alice_client)

    page.goto(f"/bookings/{booking.pk}/")
    expect(page.get_by_text("Your payment is not complete yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Pay now").click()

    page.wait_for_url("**/payments/test-checkout/**")
    assert_accessible(page)
    page.get_by_role("button", name="Fail the payment").click()

    page.wait_for_url(f"**/bookings/{booking.pk}/")
    expect(page.get_by_text("Your payment is not complete yet. You can try again from this page.")).to_be_visible()
    expect(page.locator("[data-payment-status]")).to_have_text("Awaiting payment")
    assert_accessible(page)
    page.get_by_role("link", name="Pay now").click()

    page.wait_for_url("**/payments/test-checkout/**")
    expect(page.get_by_role("alert")).to_contain_text("The last attempt failed")
    assert_accessible(page)
    page.get_by_role("button", name="Pay ₦15,000", exact=True).click()

    page.wait_for_url(f"**/bookings/{booking.pk}/")
    expect(page.locator("[data-payment-status]")).to_have_text("Held in escrow")
    expect(page.get_by_text("Paid. Waiting for the expert to accept your request.")).to_be_visible()
    assert_accessible(page)
    assert Payment.objects.get(call__booking=booking).status == "held"


def test_the_checkout_of_a_cancelled_booking_takes_no_money(page, logged_in_page, site, alice_client, bob_service):
    booking = book(alice_client, bob_service, lagos_at(days=2, time="10:00"))
    checkout = Payment.objects.get(call__booking=booking).authorization_url
    booking_cancel(booking=booking, actor=alice_client)
    logged_in_page(alice_client)

    page.goto(checkout)
    expect(page.get_by_text("This booking no longer waits for payment")).to_be_visible()
    expect(page.get_by_role("button", name="Pay ₦15,000", exact=True)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Return to your booking").click()

    page.wait_for_url(f"**/bookings/{booking.pk}/")
    expect(page.locator("[data-booking-status]")).to_have_text("Cancelled")
    assert_accessible(page)
    assert TestTransaction.objects.get(reference=Payment.objects.get(call__booking=booking).reference).status == (
        "abandoned"
    )


def test_the_expert_proposes_a_new_time_and_the_client_accepts_it(
    page, logged_in_page, site, alice_client, bob_expert, bob_service
):
    booking = paid_booking(alice_client, bob_service, lagos_at(days=2, time="09:00"))
    logged_in_page(bob_expert)

    page.goto(f"/bookings/{booking.pk}/")
    assert_accessible(page)
    page.get_by_label("Propose another time (Africa/Lagos)").select_option(index=1)
    page.get_by_role("button", name="Propose this time").click()
    expect(page.get_by_text("New time proposed.")).to_be_visible()
    expect(page.get_by_role("heading", name="A new time is proposed")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    logged_in_page(alice_client)
    page.goto(f"/bookings/{booking.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Accept the new time").click()

    expect(page.get_by_text("New time accepted. Your booking is confirmed.")).to_be_visible()
    expect(page.locator("[data-booking-status]")).to_have_text("Confirmed")
    assert_accessible(page)
    booking = Booking.objects.select_related("call").get(pk=booking.pk)
    assert booking.call.scheduled_start != lagos_at(days=2, time="09:00")
