"""A visitor in New York filters the directory to experts free this week, sees each
card's next free slot in New York time, and books one of a profile's next free times."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.storefront.availability_helpers import NEXT_MONTH_9, NOW, extra_hours
from tests.storefront.helpers import add_area, expert, listed_expert

pytestmark = pytest.mark.browser
# Monday 9 March 2026, 09:00 in Lagos is 08:00 UTC: 04:00 in New York (EDT since 8 March).
NEW_YORK_TIME = re.compile(r"Mar 9, 04:00 EDT")


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "America/New_York"}


@pytest.fixture
def experts(frozen_now, db):
    frozen_now(NOW)
    ngozi = listed_expert("Ngozi Lagos", timezone="Africa/Lagos")
    lars = expert("Lars Later", timezone="UTC")
    add_area(lars)
    extra_hours(lars, NEXT_MONTH_9.date(), 9 * 60, 12 * 60)
    return ngozi


def test_filtering_to_this_week_and_booking_a_next_free_time(page, experts):
    page.goto("/experts/")
    results = page.locator("#results")
    ngozi = results.locator(".expert-card", has=page.get_by_role("link", name="Ngozi Lagos"))
    expect(ngozi.locator(".expert-card__next time")).to_have_text(NEW_YORK_TIME)
    lars = results.locator(".expert-card", has=page.get_by_role("link", name="Lars Later"))
    expect(lars.locator(".expert-card__next time")).to_have_text(re.compile(r"Apr 3, 05:00 EDT"))
    expect(results.locator("[data-viewer-zone-note]")).to_have_text(re.compile("your time zone: America/New_York"))
    assert_accessible(page)

    page.get_by_label("Available this week").check()
    page.wait_for_url(re.compile(r"available=week"))
    expect(results.get_by_role("link", name="Lars Later")).to_have_count(0)
    expect(results.get_by_text("1 expert", exact=True)).to_be_visible()
    expect(results.locator(".expert-card__next time")).to_have_text(NEW_YORK_TIME)  # the swapped-in card too
    assert_accessible(page)

    results.get_by_role("link", name="Ngozi Lagos").click()
    page.wait_for_url(f"**/experts/{experts.slug}/")
    widget = page.locator("[data-booking-widget]")
    expect(widget.locator(".booking-calendar")).to_be_visible()  # the widget has loaded its first month
    next_times = page.locator(".profile__next")
    expect(next_times.locator("time").first).to_have_text(NEW_YORK_TIME)
    expect(next_times.locator("[data-viewer-zone-note]")).to_have_text(re.compile("your time zone: America/New_York"))
    assert_accessible(page)

    next_times.get_by_role("link").first.click()
    summary = widget.locator(".booking-summary")
    expect(summary).to_contain_text("Monday 9 March 2026, 04:00–04:30")
    expect(summary).to_contain_text("America/New_York")
    assert_accessible(page)
