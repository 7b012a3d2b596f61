"""A visitor picks a time, signs in inside the booking summary and comes straight back
to that same time with "Confirm and pay" (before, the page reloaded the calendar and
the chosen time was lost), then pays and lands on the booking."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from accounts.models import ClientProfile
from scheduling.models_booking import Booking
from tests.browser.helpers import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

# 07:00 in Lagos, before Bob's hours: the day shown first has all its times (on the real
# clock, late in a morning only one may be left, and there is no second time to choose).
BEFORE_HOURS = dt.datetime(2030, 3, 5, 6, 0, tzinfo=dt.UTC)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Africa/Lagos"}


def test_a_visitor_signs_in_from_the_summary_and_keeps_the_chosen_time(
    page, site, alice_client, bob_service, frozen_now
):
    frozen_now(BEFORE_HOURS)
    ClientProfile.objects.filter(user=alice_client).update(timezone="Africa/Lagos")
    page.goto(f"/experts/{bob_service.expert.slug}/")
    widget = page.locator("[data-booking-widget]")
    chosen = widget.locator(".slot").nth(1)
    expect(chosen).to_be_visible()
    time_label = chosen.inner_text()
    chosen.click()

    sign_in = widget.get_by_role("form", name="Log in to book this time")
    expect(sign_in).to_be_visible()
    expect(widget.locator(".booking-summary")).to_contain_text(time_label)
    assert_accessible(page)
    sign_in.get_by_label("Email").fill(alice_client.email)
    sign_in.get_by_label("Password").fill(PASSWORD)
    sign_in.get_by_role("button", name="Log in and continue").click()

    page.wait_for_url("**/book/**")
    pay = page.get_by_role("button", name="Confirm and pay ₦15,000")
    expect(pay).to_be_visible()
    expect(page.locator(".booking-summary")).to_contain_text(time_label)
    expect(page.locator(".booking-summary")).to_contain_text("Africa/Lagos")
    assert_accessible(page)
    pay.click()

    page.wait_for_url("**/payments/test-checkout/**")
    assert_accessible(page)
    page.get_by_role("button", name="Pay ₦15,000", exact=True).click()

    booking = Booking.objects.get()
    page.wait_for_url(f"**/bookings/{booking.pk}/")
    expect(page.locator("[data-booking-status]")).to_have_text("Pending")
    expect(page.get_by_role("list").filter(has_text="Booking requested")).to_contain_text("WAT")
    assert_accessible(page)
    assert django_settings.PAYMENT_PROVIDER == "test"


def test_a_wrong_password_in_the_summary_keeps_the_way_back(page, site, alice_client, bob_service):
    page.goto(f"/experts/{bob_service.expert.slug}/")
    widget = page.locator("[data-booking-widget]")
    widget.locator(".slot").first.click()
    sign_in = widget.get_by_role("form", name="Log in to book this time")
    sign_in.get_by_label("Email").fill(alice_client.email)
    sign_in.get_by_label("Password").fill("not-the-password")
    sign_in.get_by_role("button", name="Log in and continue").click()

    page.wait_for_url("**/accounts/login/**")
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email").fill(alice_client.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url("**/book/**")
    expect(page.get_by_role("button", name="Confirm and pay ₦15,000")).to_be_visible()
    assert_accessible(page)
