"""The account pages' sub-navigation lines up with the page title when it sits above it,
and the dashboard's six figures fill whole rows (no card alone on a row)."""

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

# Where a link's text starts (its box includes the padding of the highlighted pill).
TEXT_LEFT = (
    "el => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().left; }"
)


@pytest.mark.parametrize("width", [700, 360])
def test_the_stacked_account_navigation_starts_where_the_title_does(logged_in_page, alice_client, width):
    page = logged_in_page(alice_client)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/account/")
    title = page.get_by_role("heading", name="Your account", level=1)
    first_link = page.get_by_role("navigation", name="Account settings").get_by_role("link").first

    assert abs(first_link.evaluate(TEXT_LEFT) - title.evaluate(TEXT_LEFT)) < 1
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 1024, 700, 360])
def test_the_dashboard_figures_fill_whole_rows(logged_in_page, bob_expert, width):
    page = logged_in_page(bob_expert)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/dashboard/")
    tops = page.locator("[data-figures] > li").evaluate_all("els => els.map(el => Math.round(el.offsetTop))")
    per_row = [tops.count(top) for top in dict.fromkeys(tops)]

    assert len(tops) == 6
    assert len(set(per_row)) == 1, f"rows of {per_row} cards at {width} px"
    assert_accessible(page)
