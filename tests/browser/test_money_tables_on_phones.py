"""Money pages on a 360 px phone. The payout and payment history tables scroll sideways
inside their card, so the scrolling box must be reachable by keyboard (axe's
scrollable-region-focusable), and payout times are written in the expert's own zone
like every other time on the site. A completed call's payment reads "released", not
"paid out", which the payouts page keeps for money sent to the bank."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.services import user_profile_update
from tests.browser.helpers import assert_accessible, focus_is_visible
from scheduling.models_booking import BookingStatus
from tests.payouts.factories import bank_account, earning, payout, seeded_booking
from tests.scheduling.conftest import set_zone

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab until ``locator`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    pytest.fail("Tab never reached the element")


def test_payout_history_scrolls_by_keyboard_and_shows_the_experts_zone(
    page, logged_in_page, payouts_site, bob_expert, alice_client
):
    set_zone(bob_expert, "America/New_York")
    earning(bob_expert, alice_client, 1_500_000, released_at=timezone.now())
    bank_account(bob_expert)
    paid = payout(bob_expert, 500_000)
    logged_in_page(bob_expert)
    page.set_viewport_size(PHONE)

    page.goto("/payments/payouts/")
    row = page.locator(f'[data-payout="{paid.pk}"]')
    expect(row).to_contain_text("₦5,000")
    # November in New York: Eastern Standard Time, not UTC.
    expect(row.locator("time")).to_contain_text("EST")
    expect(row.locator("time")).not_to_contain_text("UTC")
    assert_accessible(page)

    scroller = page.get_by_role("region", name="Your payouts, newest first")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should scroll on a phone"
    _tab_to(page, scroller)
    assert focus_is_visible(page)
    page.keyboard.press("ArrowRight")
    expect(scroller).not_to_have_js_property("scrollLeft", 0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_payment_history_scrolls_by_keyboard_on_a_phone(page, logged_in_page, payouts_site, bob_expert, alice_client):
    user_profile_update(user=alice_client, changes={"timezone": "Africa/Lagos"})
    earning(bob_expert, alice_client, 1_500_000, released_at=timezone.now())
    logged_in_page(alice_client)
    page.set_viewport_size(PHONE)

    page.goto("/payments/history/")
    expect(page.locator("[data-payment-history] tbody tr")).to_have_count(1)
    assert_accessible(page)

    scroller = page.get_by_role("region", name="Your payments, newest first")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should scroll on a phone"
    _tab_to(page, scroller)
    assert focus_is_visible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_completed_calls_payment_is_released_not_yet_paid_out(
    page, logged_in_page, payouts_site, bob_expert, alice_client
):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    logged_in_page(bob_expert)
    page.set_viewport_size(PHONE)

    page.goto(f"/bookings/{booking.pk}/")
    expect(page.locator("[data-payment-status]")).to_have_text("Released to the expert")
    assert_accessible(page)

    # Nothing has gone to the bank yet, and the payouts page says so.
    page.goto("/payments/payouts/")
    expect(page.locator('[data-currency="NGN"]')).to_contain_text("paid out ₦0")
    assert_accessible(page)
