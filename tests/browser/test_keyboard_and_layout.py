import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, focus_is_visible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

MAX_TABS = 15


def _tab_until(page, target) -> None:
    """Press Tab until ``target`` (a locator) has focus, checking each stop shows it."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), f"focus is not visible on {page.evaluate('document.activeElement.outerHTML')}"
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{target} not reached with {MAX_TABS} presses of Tab")


def test_the_keyboard_alone_reaches_and_submits_the_login_form(page, alice_client):
    page.goto("/")
    assert_accessible(page)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    assert focus_is_visible(page)
    _tab_until(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")
    assert_accessible(page)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")  # past the header, straight to the page's content
    _tab_until(page, page.get_by_label("Email"))
    page.keyboard.type("alice@example.com")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/bookings/")
    expect(page.get_by_role("heading", name="My bookings")).to_be_visible()
    assert_accessible(page)


def test_the_landing_page_search_box_opens_the_directory(page):
    page.goto("/")
    assert_accessible(page)

    page.get_by_role("search").get_by_label("Search experts").fill("career")
    page.get_by_role("search").get_by_role("button", name="Search experts").click()

    page.wait_for_url("**/experts/?q=career")
    assert_accessible(page)


def test_on_a_phone_the_menu_folds_behind_a_button(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")

    expect(page.get_by_role("link", name="Sign up", exact=True)).to_be_hidden()
    assert_accessible(page)
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Sign up", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_a_missing_page_is_friendly_and_accessible(page):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="We could not find that page.")).to_be_visible()
    assert_accessible(page)
