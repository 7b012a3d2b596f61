"""Chromium names India's zone by its legacy ICU name, "Asia/Calcutta": the booking
widget still picks and shows the current name, "Asia/Kolkata", with India's times."""

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
    return {**browser_context_args, "timezone_id": "Asia/Calcutta"}


@pytest.fixture
def bob_in_lagos(bob_expert, frozen_now):
    """Free on Wednesdays 09:00–10:30 in Lagos (UTC+1): 13:30–15:00 in India."""
    frozen_now(NOW)
    profile = set_zone(bob_expert, "Africa/Lagos")
    area_create(expert=profile, title="Career advice", duration_minutes=60, price=1_500_000)
    set_week(profile, (2, "09:00", "10:30"))
    return profile


def test_a_visitor_whose_browser_says_calcutta_sees_kolkata(page, bob_in_lagos):
    page.goto(f"/experts/{bob_in_lagos.slug}/")
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") in {"Asia/Calcutta", "Asia/Kolkata"}
    widget = page.locator("[data-booking-widget]")
    expect(widget.locator("[data-tz-name]")).to_have_text("Asia/Kolkata")
    expect(widget.get_by_label("Your time zone", exact=True)).to_have_value("Asia/Kolkata")
    expect(widget.locator('option[value="Asia/Calcutta"]')).to_have_count(0)
    expect(widget.locator(".slot")).to_have_text(["13:30", "13:45", "14:00"])
    assert_accessible(page)
