"""Chromium names India's zone by its legacy ICU name, "Asia/Calcutta": the booking
widget still picks and shows the current name, "Asia/Kolkata", with India's times."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Asia/Calcutta"}


def test_a_visitor_whose_browser_says_calcutta_sees_kolkata(page, bob_wednesday_mornings):
    page.goto(f"/experts/{bob_wednesday_mornings.slug}/")
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") in {"Asia/Calcutta", "Asia/Kolkata"}
    widget = page.locator("[data-booking-widget]")
    expect(widget.locator("[data-tz-name]")).to_have_text("Asia/Kolkata")
    expect(widget.get_by_label("Your time zone", exact=True)).to_have_value("Asia/Kolkata")
    expect(widget.locator('option[value="Asia/Calcutta"]')).to_have_count(0)
    expect(widget.locator(".slot")).to_have_text(["13:30", "13:45", "14:00"])
    assert_accessible(page)
