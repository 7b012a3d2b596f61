"""The booking widget with the keyboard alone: choosing a day or a time swaps the
widget's body, and focus lands on the new content's heading instead of falling back to
the top of the page. The widget's own page (no JavaScript needed to reach it) keeps
its headings in order."""

from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.bookings.helpers import lagos_at
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Africa/Lagos"}


def test_choosing_a_day_and_a_time_with_the_keyboard_keeps_focus_in_the_widget(page, bob_service):
    page.goto(f"/experts/{bob_service.expert.slug}/")
    widget = page.locator("[data-booking-widget]")
    # Next month always has free days (this one may have none left on its last day).
    month = widget.locator("#booking-month")
    this_month = month.inner_text()
    widget.get_by_role("link", name="Next month").click()
    expect(month).not_to_have_text(this_month)
    day = widget.locator("a.month-grid__day--open").last  # a swap even when it is the chosen day
    expect(day).to_be_visible()
    assert_accessible(page)
    day_name = day.get_attribute("aria-label").split(":")[0]

    day.focus()
    page.keyboard.press("Enter")

    times_title = widget.locator("#booking-times-title")
    expect(times_title).to_have_text(day_name)
    expect(times_title).to_be_focused()
    page.keyboard.press("Tab")
    first_time = widget.locator("#booking-body a.slot").first
    expect(first_time).to_be_focused()
    assert_accessible(page)

    page.keyboard.press("Enter")

    expect(widget.get_by_role("heading", name="Your call")).to_be_focused()
    page.keyboard.press("Tab")
    expect(widget.get_by_label("Email")).to_be_focused()
    assert_accessible(page)


def test_a_next_free_time_at_the_top_of_the_profile_takes_focus_to_the_summary(page, bob_service):
    page.goto(f"/experts/{bob_service.expert.slug}/")
    first_free = page.get_by_role("region", name="Next free times for Career advice").locator("a.slot").first
    expect(first_free).to_be_visible()
    assert_accessible(page)

    first_free.focus()
    page.keyboard.press("Enter")

    expect(page.locator("[data-booking-widget]").get_by_role("heading", name="Your call")).to_be_focused()
    assert_accessible(page)


def test_the_month_arrows_keep_focus_on_the_calendar(page, bob_service):
    page.goto(f"/experts/{bob_service.expert.slug}/")
    next_month = page.locator("[data-booking-widget]").get_by_role("link", name="Next month")
    expect(next_month).to_be_visible()
    month = page.locator("#booking-month").inner_text()

    next_month.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#booking-month")).not_to_have_text(month)
    expect(page.locator("#booking-month")).to_be_focused()
    assert_accessible(page)


def test_the_summary_page_of_its_own_has_its_headings_in_order(page, bob_service):
    query = urlencode(
        {"area": bob_service.pk, "tz": "Africa/Lagos", "start": lagos_at(days=2, time="10:00").isoformat()}
    )

    page.goto(f"/experts/{bob_service.expert.slug}/book/?{query}")

    expect(page.get_by_role("heading", name="Your call", level=3)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a call with Bob Expert")
    expect(page.get_by_role("heading", level=2)).to_have_text("Step 2 of 2: confirm and pay")
    heading_order = Axe().run(page, options={"runOnly": ["heading-order"]}).response["violations"]
    assert heading_order == []
    assert_accessible(page)
