"""An expert sets weekly hours and a day off on the availability page, and the preview
shows what clients will see, without the page ever reloading."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.storefront.services_areas import area_create
from tests.browser.helpers import assert_accessible
from tests.scheduling.conftest import set_zone

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 10, 20, 6, 0, tzinfo=dt.UTC)  # Tuesday 07:00 in Lagos


@pytest.fixture
def bob_page(logged_in_page, bob_expert, frozen_now):
    frozen_now(NOW)
    set_zone(bob_expert, "Africa/Lagos")
    area_create(expert=bob_expert.expert_profile, title="Career advice", duration_minutes=60, price=1_500_000)
    page = logged_in_page(bob_expert)
    page.goto("/availability/")
    return page


def test_an_expert_sets_weekly_hours_and_a_day_off(bob_page):
    page = bob_page
    expect(page.get_by_text("No availability yet — add your weekly hours")).to_be_visible()
    assert_accessible(page)
    page.evaluate("window.stillTheSamePage = true")
    wednesday_in_preview = page.locator("#preview li").filter(has=page.locator('time[datetime="2026-10-21"]'))
    expect(wednesday_in_preview).to_contain_text("No free times")

    page.locator("#weekday-2 summary").click()
    page.get_by_label("New Wednesday range: from").fill("09:00")
    page.get_by_label("New Wednesday range: to").fill("12:00")
    page.get_by_role("button", name="Add these hours to Wednesday").click()

    expect(page.get_by_label("Wednesday: from")).to_have_value("09:00")
    expect(page.get_by_text("No availability yet")).to_have_count(0)
    expect(wednesday_in_preview.locator("time")).to_have_count(1 + 4 * 2 + 1)  # the date + 09:00 … 11:00
    expect(wednesday_in_preview).to_contain_text("11:00")

    page.get_by_label("Date").fill("2026-10-21")
    page.get_by_label("Type", exact=True).select_option("unavailable")
    page.get_by_role("button", name="Add date").click()

    expect(page.locator("#overrides")).to_contain_text("whole day")
    expect(wednesday_in_preview).to_contain_text("No free times")
    assert page.evaluate("window.stillTheSamePage") is True
    assert_accessible(page)


def test_moving_and_removing_a_range(bob_page):
    page = bob_page
    page.locator("#weekday-4 summary").click()
    page.get_by_label("New Friday range: from").fill("09:00")
    page.get_by_label("New Friday range: to").fill("10:00")
    page.get_by_role("button", name="Add these hours to Friday").click()
    friday = page.locator("#weekday-4")
    expect(page.get_by_label("Friday: to")).to_have_value("10:00")

    page.get_by_label("Friday: to").fill("13:00")
    friday.get_by_role("button", name="Save").click()
    expect(page.locator("#toasts")).to_contain_text("Saved Friday hours.")
    expect(page.get_by_label("Friday: to")).to_have_value("13:00")

    friday.get_by_role("button", name="Remove").click()
    expect(friday).to_contain_text("Unavailable")
    expect(page.get_by_text("No availability yet — add your weekly hours")).to_be_visible()
