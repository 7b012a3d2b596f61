"""Removing weekly hours leaves the browser console clean and both of the range's buttons
disabled while the request is on its way (the Remove button sends its own request)."""

import pytest
from playwright.sync_api import expect

from accounts.storefront.services_areas import area_create
from tests.browser.helpers import assert_accessible
from tests.scheduling.conftest import set_week, set_zone

pytestmark = pytest.mark.browser


def test_removing_a_range_disables_its_buttons_and_logs_no_error(logged_in_page, bob_expert):
    profile = set_zone(bob_expert, "Africa/Lagos")
    set_week(profile, (4, "09:00", "12:00"))
    page = logged_in_page(bob_expert)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/availability/")
    assert_accessible(page)
    friday = page.locator("#weekday-4")
    # Record which buttons htmx disables while the request is out.
    page.evaluate(
        """() => document.body.addEventListener("htmx:beforeRequest", () => {
            window.disabledDuringRequest = [...document.querySelectorAll("#weekday-4 .range-form button")]
              .filter((button) => button.disabled).map((button) => button.textContent.trim().split(/\\s+/)[0]);
        })"""
    )

    friday.get_by_role("button", name="Remove").click()

    expect(friday).to_contain_text("Unavailable")
    expect(page.locator("#toasts")).to_contain_text("Removed Friday hours.")
    assert page.evaluate("window.disabledDuringRequest") == ["Save", "Remove"]
    assert errors == []
    assert_accessible(page)


def test_adding_hours_from_the_keyboard_keeps_focus_in_the_day(logged_in_page, bob_expert):
    """The answer also refreshes the preview (a second request): focus stays in the day's
    row all the same, not back at the top of the page."""
    profile = set_zone(bob_expert, "Africa/Lagos")
    area_create(expert=profile, title="Career advice", duration_minutes=60, price=1_500_000)
    page = logged_in_page(bob_expert)
    page.goto("/availability/")
    assert_accessible(page)
    friday = page.locator("#weekday-4")
    friday.locator("summary").focus()
    page.keyboard.press("Enter")
    add = page.get_by_role("button", name="Add these hours to Friday")
    add.focus()

    with page.expect_response("**/availability/preview**"):
        page.keyboard.press("Enter")

    expect(page.get_by_label("Friday: from")).to_have_value("09:00")
    expect(page.locator("#preview")).to_contain_text("Times shown in Africa/Lagos")
    assert page.evaluate("document.getElementById('weekday-4').contains(document.activeElement)")
    assert_accessible(page)
