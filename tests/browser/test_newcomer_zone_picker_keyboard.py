"""The booking widget's time zone picker opens from the keyboard and Escape folds it away
again, handing focus back to its "change" button."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_escape_closes_the_zone_picker_and_returns_to_change(page, bob_wednesday_mornings):
    page.goto(f"/experts/{bob_wednesday_mornings.slug}/")
    widget = page.locator("[data-booking-widget]")
    change = widget.get_by_role("button", name="change")
    zone = widget.get_by_label("Your time zone")
    expect(widget.locator(".slot").first).to_be_visible()
    assert_accessible(page)
    change.focus()

    page.keyboard.press("Enter")

    expect(zone).to_be_focused()
    expect(change).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)

    page.keyboard.press("Escape")

    expect(zone).to_be_hidden()
    expect(change).to_be_focused()
    expect(change).to_have_attribute("aria-expanded", "false")
    assert_accessible(page)
