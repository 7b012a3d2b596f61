"""Narrow pages stack their blocks, nothing widens a phone's page sideways, and a toast
is readable (full contrast) from the moment it appears."""

import pytest
from playwright.sync_api import expect

from accounts.storefront.services_areas import area_create
from tests.browser.helpers import assert_accessible
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_notifications_centre_stacks_title_list_and_link(logged_in_page, alice_client, width):
    page = logged_in_page(alice_client)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/notifications/")
    title = page.get_by_role("heading", name="Notifications", level=1).bounding_box()
    listing = page.get_by_role("region", name="0 unread").bounding_box()
    link = page.get_by_role("link", name="Choose which notifications you also get by email").bounding_box()

    assert title["y"] + title["height"] <= listing["y"]
    assert listing["y"] + listing["height"] <= link["y"]
    assert _no_sideways_scroll(page)
    assert_accessible(page)


def test_the_bank_account_page_puts_the_back_link_above_the_form(logged_in_page, bob_expert):
    page = logged_in_page(bob_expert)
    page.goto("/payments/bank-account/")
    back = page.get_by_role("link", name="← Payouts").bounding_box()
    card = page.get_by_role("region", name="Add a bank account").bounding_box()

    assert back["y"] + back["height"] <= card["y"]
    assert abs(back["x"] - card["x"]) < 2  # one column, not side by side
    assert_accessible(page)


def test_the_payment_history_table_scrolls_inside_its_card_on_a_phone(logged_in_page, alice_client, bob_expert):
    seeded_booking(expert=bob_expert, client=alice_client)
    page = logged_in_page(alice_client)
    page.set_viewport_size(PHONE)
    page.goto("/payments/history/")
    expect(page.locator("[data-payment-history]")).to_be_visible()

    assert _no_sideways_scroll(page)
    assert_accessible(page)


def test_the_service_saved_toast_has_full_contrast_as_it_appears(logged_in_page, bob_expert):
    area_create(expert=bob_expert.expert_profile, title="House plan review", duration_minutes=60, price=1_500_000)
    page = logged_in_page(bob_expert)
    page.goto("/experts/me/services/")
    assert_accessible(page)
    page.get_by_role("link", name="Edit House plan review").click()
    page.get_by_role("form", name="Edit House plan review").get_by_role("button", name="Save").click()

    toast = page.locator("[data-toast]").filter(has_text="Service saved.")
    expect(toast).to_be_visible()
    faded = toast.evaluate("el => el.getAnimations().some(a => a.effect.getKeyframes().some(k => 'opacity' in k))")
    assert not faded, "the toast fades in: its text is below AA contrast while it does"
    assert_accessible(page)
