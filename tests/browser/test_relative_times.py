"""What just happened reads "now" or "… seconds ago", never "0 minutes ago"; and the
one helper that tells the visitor's time zone answers for every script."""

import pytest
from playwright.sync_api import expect

from tests.bookings.helpers import lagos_at, paid_booking
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Asia/Tokyo"}


def test_a_fresh_notification_never_says_zero_minutes_ago(logged_in_page, site, alice_client, bob_expert, bob_service):
    paid_booking(alice_client, bob_service, lagos_at(days=2, time="10:00"))  # tells bob at once
    page = logged_in_page(bob_expert)
    page.goto("/notifications/")
    when = page.locator(".notification__when time").first

    expect(when).to_be_visible()
    text = " ".join(when.inner_text().split())  # Django puts no-break spaces in durations
    assert "0 minutes" not in text
    assert text.endswith(("now", "ago"))
    assert_accessible(page)


def test_the_shared_zone_helper_and_the_local_times_agree(page, bob_service):
    page.goto(f"/experts/{bob_service.expert.slug}/")

    assert page.evaluate("window.ProcusMeet.browserZone()") == "Asia/Tokyo"
    expect(page.locator("[data-booking-widget] [data-tz-name]")).to_have_text("Asia/Tokyo")
    expect(page.locator(".profile__next [data-tz-name]")).to_have_text("Asia/Tokyo")
    expect(page.locator(".profile__next time").first).to_contain_text("GMT+9")
    assert_accessible(page)
