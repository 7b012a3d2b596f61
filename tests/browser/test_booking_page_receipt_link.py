"""On a client's booking page the "Receipt" link stands clear of the payment badge."""

import pytest
from playwright.sync_api import expect

from scheduling.models_booking import BookingStatus
from tests.browser.helpers import assert_accessible
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.browser

# More than the plain space between inline elements (about 4 px at this font size).
MIN_GAP_PX = 10


def test_the_receipt_link_keeps_its_distance_from_the_payment_badge(logged_in_page, base_url, bob_expert, alice_client):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    page = logged_in_page(alice_client)

    page.goto(f"/bookings/{booking.pk}/")

    badge = page.locator("[data-payment-status]")
    receipt = page.get_by_role("link", name="Receipt")
    expect(receipt).to_be_visible()
    badge_box, receipt_box = badge.bounding_box(), receipt.bounding_box()
    same_line = abs(badge_box["y"] - receipt_box["y"]) < badge_box["height"]
    assert same_line, "the link sits beside the badge on a desktop-wide page"
    assert receipt_box["x"] - (badge_box["x"] + badge_box["width"]) >= MIN_GAP_PX
    assert_accessible(page)
