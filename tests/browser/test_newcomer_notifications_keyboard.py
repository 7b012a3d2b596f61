"""Marking every notification read from the keyboard keeps focus on the list (its button
goes away and was disabled while the request was out), not back at the top of the page."""

import pytest
from playwright.sync_api import expect

from notifications.models import NotificationKind
from notifications.services import notification_create
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_mark_all_as_read_from_the_keyboard_keeps_focus_on_the_list(logged_in_page, alice_client):
    for title in ("Your payout is on its way", "Ada accepted your booking"):
        notification_create(user=alice_client, kind=NotificationKind.PAYOUT_PAID, title=title, email=False)
    page = logged_in_page(alice_client)
    page.goto("/notifications/")
    assert_accessible(page)
    page.get_by_role("button", name="Mark all as read").focus()

    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="0 unread")).to_be_visible()
    expect(page.locator("#notification-list")).to_be_focused()
    page.keyboard.press("Tab")  # on from the list: its first link, not the skip link
    expect(page.get_by_role("link", name="Skip to content")).not_to_be_focused()
    assert_accessible(page)


def test_marking_one_notification_read_keeps_focus_on_it(logged_in_page, alice_client):
    notification_create(
        user=alice_client, kind=NotificationKind.PAYOUT_PAID, title="Your payout is on its way", email=False
    )
    page = logged_in_page(alice_client)
    page.goto("/notifications/")
    assert_accessible(page)
    page.get_by_role("button", name="Mark as read").focus()

    page.keyboard.press("Enter")

    item = page.locator(".notification", has_text="Your payout is on its way")
    expect(item.get_by_role("button", name="Mark as read")).to_have_count(0)
    expect(item).to_be_focused()
    assert_accessible(page)
