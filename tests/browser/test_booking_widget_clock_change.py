"""A visitor in New York on the night clocks go back: the hour that happens twice is
offered twice, each labelled with its zone, and either can be chosen and booked."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.storefront.services_areas import area_create
from tests.browser.helpers import assert_accessible
from tests.scheduling.conftest import set_week, set_zone

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "America/New_York"}


@pytest.fixture
def bob_in_utc(bob_expert, frozen_now):
    """Free on Sundays 05:00–07:00 UTC: 01:00–02:00 EDT and 01:00–02:00 EST on 1 November."""
    frozen_now(NOW)
    profile = set_zone(bob_expert, "UTC", min_notice_minutes=0)
    area_create(expert=profile, title="Quick question", duration_minutes=15, price=500_000)
    set_week(profile, (6, "05:00", "06:15"))
    return profile


def test_both_passes_of_the_repeated_hour_can_be_chosen(page, bob_in_utc):
    page.goto(f"/experts/{bob_in_utc.slug}/")
    widget = page.locator("[data-booking-widget]")
    expect(widget.locator("[data-tz-name]")).to_have_text("America/New_York")
    widget.get_by_role("link", name="Next month").click()
    widget.get_by_role("link", name="Sunday 1 November: free times").click()
    expect(widget.locator(".slot")).to_have_text(
        ["01:00 EDT", "01:15 EDT", "01:30 EDT", "01:45 EDT", "01:00 EST"]
    )
    assert_accessible(page)

    widget.get_by_role("link", name="01:00 EST").click()
    summary = widget.locator(".booking-summary")
    expect(summary).to_contain_text("Sunday 1 November 2026, 01:00 EST–01:15 EST")
    expect(summary).not_to_contain_text("no longer free")
    expect(summary.locator("#booking-action")).to_be_visible()
    assert_accessible(page)
