"""The landing page starts people somewhere real: the categories experts are listed in
and a few featured experts (best rated first) with their price and next free time."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.storefront.helpers import category, expert, listed_expert

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "Africa/Lagos"}


def test_the_landing_page_features_listed_experts_and_their_categories(page):
    category("Law")
    category("Cooking")  # nobody is in it: no chip for it
    listed_expert("Ada Obi", headline="Immigration lawyer", categories=["law"])
    expert("Hidden Hana", categories=["law"])  # no service, no hours: not listed, not featured

    page.goto("/")
    featured = page.get_by_role("region", name="Featured experts")

    expect(featured.get_by_role("heading", name="Ada Obi", level=3)).to_be_visible()
    expect(featured).to_contain_text("From ₦15,000")
    expect(featured.locator("time[data-local-time]")).to_contain_text("GMT+1")
    expect(featured).not_to_contain_text("Hidden Hana")
    chips = page.get_by_role("list", name="Categories")
    expect(chips.get_by_role("link")).to_have_text(["Law"])
    assert_accessible(page)

    chips.get_by_role("link", name="Law").click()

    page.wait_for_url("**/experts/?category=law")
    expect(page.get_by_role("link", name="Ada Obi")).to_be_visible()
    assert_accessible(page)


def test_with_nobody_listed_yet_the_landing_page_offers_searches(page):
    page.goto("/")

    expect(page.get_by_role("region", name="Featured experts")).to_have_count(0)
    expect(page.get_by_role("list", name="Popular searches").get_by_role("link")).to_have_count(4)
    assert_accessible(page)
