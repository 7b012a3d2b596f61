"""A visitor in Tokyo sees an expert's Lagos hours at the right Tokyo times on the
public profile, picks one and gets a summary in their own zone."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Asia/Tokyo"}


def test_a_visitor_in_tokyo_sees_tokyo_times(page, bob_wednesday_mornings):
    page.goto(f"/experts/{bob_wednesday_mornings.slug}/")
    widget = page.locator("[data-booking-widget]")
    expect(widget.locator("[data-tz-name]")).to_have_text("Asia/Tokyo")
    expect(widget.get_by_text("Times shown in Asia/Tokyo")).to_have_count(2)
    expect(widget.get_by_role("link", name="17:00")).to_be_visible()
    expect(widget.locator(".slot")).to_have_text(["17:00", "17:15", "17:30"])
    assert_accessible(page)

    widget.get_by_role("link", name="17:15").click()
    summary = widget.locator(".booking-summary")
    expect(summary).to_contain_text("Wednesday 21 October 2026, 17:15–18:15")
    expect(summary).to_contain_text("Asia/Tokyo")
    expect(summary).to_contain_text("₦15,000")
    assert_accessible(page)


def test_the_visitor_can_change_the_zone(page, bob_wednesday_mornings):
    page.goto(f"/experts/{bob_wednesday_mornings.slug}/")
    widget = page.locator("[data-booking-widget]")
    expect(widget.get_by_role("link", name="17:00")).to_be_visible()
    widget.get_by_role("button", name="change").click()
    widget.get_by_label("Your time zone").select_option("Africa/Lagos")
    expect(widget.locator("[data-tz-name]")).to_have_text("Africa/Lagos")
    expect(widget.locator(".slot")).to_have_text(["09:00", "09:15", "09:30"])
