"""On a phone the directory's results come first (the filters fold away unless one is
in use), and the folded site menu closes with Escape like the account menu does."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def _filters(page):
    return page.get_by_role("search", name="Search experts").locator("details")


def test_on_a_phone_the_directory_filters_start_folded_and_results_show(page, bob_service):
    page.set_viewport_size(PHONE)
    page.goto("/experts/")

    expect(page.get_by_label("Category")).to_be_hidden()
    expect(page.get_by_role("link", name="Bob Expert")).to_be_in_viewport()
    assert_accessible(page)
    page.get_by_text("Filters", exact=True).click()
    expect(page.get_by_label("Category")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


def test_on_a_phone_filters_in_use_stay_open(page, bob_service):
    page.set_viewport_size(PHONE)
    page.goto("/experts/?language=en")

    expect(_filters(page)).to_have_attribute("open", "")
    expect(page.get_by_label("Language")).to_have_value("en")
    assert_accessible(page)


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page, bob_service):
    page.set_viewport_size(DESKTOP)
    page.goto("/experts/")

    expect(page.get_by_label("Category")).to_be_visible()
    assert_accessible(page)


def test_escape_closes_the_phone_menu_and_returns_to_its_button(logged_in_page, alice_client):
    page = logged_in_page(alice_client)
    page.set_viewport_size(PHONE)
    page.goto("/bookings/")
    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Find experts").first).to_be_focused()
    assert_accessible(page)

    page.keyboard.press("Escape")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(page.get_by_role("link", name="My bookings").first).to_be_hidden()
    assert_accessible(page)


def test_escape_in_the_account_menu_closes_only_that_menu(logged_in_page, alice_client):
    page = logged_in_page(alice_client)
    page.set_viewport_size(PHONE)
    page.goto("/bookings/")
    menu = page.get_by_role("button", name="Menu")
    menu.click()
    account = page.locator("[data-account-menu]")
    account.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(account).to_have_attribute("open", "")
    assert_accessible(page)

    page.keyboard.press("Escape")

    expect(account).not_to_have_attribute("open", "")
    expect(menu).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)
