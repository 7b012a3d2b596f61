"""A client books a slot on an expert's page, pays on the test checkout and lands on the
booking with the money held; the expert accepts it from their bookings; a client
cancels a paid booking and sees the refund. Every page passes the accessibility check."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from scheduling.models_booking import Booking
from tests.bookings.helpers import lagos_at, paid_booking
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Africa/Lagos"}


def switch_user(page, logged_in_page, user):
    page.context.clear_cookies()
    return logged_in_page(user)


def test_a_client_books_and_pays_and_the_expert_accepts(
    page, logged_in_page, site, alice_client, bob_expert, bob_service
):
    logged_in_page(alice_client)
    page.goto(f"/experts/{bob_service.expert.slug}/")
    widget = page.locator("[data-booking-widget]")
    first_time = widget.locator(".slot").first
    expect(first_time).to_be_visible()
    assert_accessible(page)

    first_time.click()
    pay_button = widget.get_by_role("button", name="Confirm and pay ₦15,000")
    expect(pay_button).to_be_visible()
    assert_accessible(page)
    pay_button.click()

    page.wait_for_url("**/payments/test-checkout/**")
    expect(page.get_by_role("note")).to_contain_text("Test mode — no money moves.")
    assert_accessible(page)
    page.get_by_role("button", name="Pay ₦15,000", exact=True).click()

    booking = Booking.objects.get()
    page.wait_for_url(f"**/bookings/{booking.pk}/")
    expect(page.locator("[data-booking-status]")).to_have_text("Pending")
    expect(page.locator("[data-payment-status]")).to_have_text("Held in escrow")
    expect(page.get_by_text("Payment received. Your request is with the expert now.")).to_be_visible()
    expect(page.get_by_text("Payment received and held until the call")).to_be_visible()
    assert_accessible(page)

    switch_user(page, logged_in_page, bob_expert)
    page.goto("/bookings/")
    expect(page.get_by_role("heading", name="Requests awaiting your answer")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept the booking from Alice Client").click()

    expect(page.get_by_text("Booking accepted.")).to_be_visible()
    expect(page.get_by_role("region", name="Upcoming")).to_contain_text("Career advice · Alice Client")
    assert_accessible(page)
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_a_client_cancels_a_paid_booking_and_sees_the_refund(page, logged_in_page, site, alice_client, bob_service):
    booking = paid_booking(alice_client, bob_service, lagos_at(days=3, time="10:00"))
    logged_in_page(alice_client)

    page.goto(f"/bookings/{booking.pk}/")
    assert_accessible(page)
    page.get_by_text("Cancel booking…").click()  # opens the confirmation
    page.get_by_label("Reason for cancelling (optional").fill("Plans changed")
    page.get_by_role("button", name="Yes, cancel and refund").click()

    expect(page.get_by_text("Booking cancelled.")).to_be_visible()
    expect(page.locator("[data-booking-status]")).to_have_text("Cancelled")
    expect(page.locator("[data-payment-status]")).to_have_text("Refunded")
    expect(page.get_by_text("Refunded in full")).to_be_visible()
    assert_accessible(page)

    page.goto("/bookings/")
    expect(page.get_by_role("region", name="Cancelled, declined and expired")).to_contain_text("Refunded")
    assert_accessible(page)
    assert django_settings.PAYMENT_PROVIDER == "test"
    assert dt.timedelta(0) < booking.call.scheduled_start - booking.created_at
