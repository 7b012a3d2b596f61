"""On a phone the header folds into a Menu button, and the notifications bell with its
unread count goes inside it: the Menu button itself shows the count, and follows it
when notifications are read."""

import pytest
from playwright.sync_api import expect

from notifications.models import NotificationKind
from notifications.services import notification_create
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_the_phone_menu_button_shows_and_follows_the_unread_count(page, logged_in_page, alice_client):
    for title in ("Your payout is on its way", "Ada accepted your booking"):
        notification_create(user=alice_client, kind=NotificationKind.PAYOUT_PAID, title=title, email=False)
    logged_in_page(alice_client)
    page.set_viewport_size(PHONE)

    page.goto("/notifications/")
    menu = page.get_by_role("button", name="Menu 2 unread", exact=True)
    expect(menu).to_be_visible()
    expect(page.locator("#site-nav")).to_be_hidden()  # the bell itself is folded away
    assert_accessible(page)

    page.get_by_role("button", name="Mark all as read").click()

    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_visible()
    expect(page.locator("[data-menu-unread]")).to_be_hidden()
    assert_accessible(page)


def test_the_menu_button_shows_no_count_when_everything_is_read(page, logged_in_page, alice_client):
    logged_in_page(alice_client)
    page.set_viewport_size(PHONE)

    page.goto("/bookings/")
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_visible()
    expect(page.locator("[data-menu-unread]")).to_be_hidden()
    assert_accessible(page)
