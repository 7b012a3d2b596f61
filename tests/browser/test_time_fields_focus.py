"""Time and date fields are several tab stops each in Chromium (hours, minutes, AM/PM,
then the picker button); the focus ring must show on every one of them, not only on
the parts where the browser still counts the field as ``:focus-visible``."""

import pytest

from tests.browser.helpers import assert_accessible, focus_is_visible

pytestmark = pytest.mark.browser

MAX_STOPS = 8


def _tab_through(page, field) -> int:
    """Tab into ``field`` from the element before it and through all its stops; every stop
    must show the focus ring. Returns how many stops the field had."""
    field.focus()
    page.keyboard.press("Shift+Tab")
    stops = 0
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        if not field.evaluate("el => el === document.activeElement"):
            break
        stops += 1
        assert focus_is_visible(page), f"stop {stops} of {field} shows no focus ring"
    return stops


@pytest.mark.parametrize("field", ["weekly start time", "time-off date"])
def test_every_stop_inside_a_time_or_date_field_shows_the_focus_ring(logged_in_page, bob_expert, bob_service, field):
    page = logged_in_page(bob_expert)
    page.goto("/availability/")
    assert_accessible(page)
    locator = (
        page.locator(".range-form__time").first if field == "weekly start time" else page.locator("input[type=date]")
    )

    assert _tab_through(page, locator) >= 2
