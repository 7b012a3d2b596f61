"""What a newcomer found unclear, in a real browser: cancelling a booking asks first (from
the keyboard, without the site's scripts) and "Keep the booking" backs out; the booking page's
heading follows the step after a time is chosen in place; the notification centre reads
each unread item and each "Mark as read" button distinctly."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from notifications.models import Notification, NotificationKind
from notifications.services import notification_create
from tests.bookings.helpers import fresh, lagos_at, paid_booking
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_cancelling_asks_first_and_keep_the_booking_backs_out(page, logged_in_page, site, alice_client, bob_service):
    booking = paid_booking(alice_client, bob_service, lagos_at(days=3, time="10:00"))
    logged_in_page(alice_client)
    # None of the site's scripts load: the confirmation must work as plain HTML. (A context
    # with JavaScript turned off would also stop axe-core, which runs inside the page.)
    page.route("**/*.js", lambda route: route.abort())
    page.goto(f"/bookings/{booking.pk}/")
    assert_accessible(page)
    confirm = page.get_by_role("button", name="Yes, cancel and refund")
    expect(confirm).to_be_hidden()

    page.locator("summary", has_text="Cancel booking…").focus()
    page.keyboard.press("Enter")

    expect(confirm).to_be_visible()
    expect(page.get_by_text("you are refunded ₦15,000 in full")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Keep the booking").focus()
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/bookings/{booking.pk}/")
    expect(confirm).to_be_hidden()
    assert fresh(booking).status == "pending"
    assert_accessible(page)

    page.locator("summary", has_text="Cancel booking…").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # on to the optional reason
    page.keyboard.type("Plans changed")
    confirm.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Booking cancelled.")).to_be_visible()
    expect(page.locator("[data-booking-status]")).to_have_text("Cancelled")
    assert (fresh(booking).status, fresh(booking).cancel_reason) == ("cancelled", "Plans changed")
    assert_accessible(page)


def test_the_booking_page_heading_follows_the_chosen_time(page, logged_in_page, alice_client, bob_service):
    logged_in_page(alice_client)
    page.goto(f"/experts/{bob_service.expert.slug}/calendar/?area={bob_service.pk}&tz=Africa/Lagos")
    heading = page.locator("#book-title")
    expect(heading).to_have_text("Step 1 of 2: choose a time")
    first_time = page.locator("#booking-body a.slot").first
    expect(first_time).to_be_visible()
    assert_accessible(page)

    first_time.click()  # the summary arrives in place (HTMX), the page stays

    expect(page.get_by_role("button", name="Confirm and pay ₦15,000")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_have_text("Step 2 of 2: confirm and pay")
    assert_accessible(page)

    page.get_by_role("link", name="Choose another time").click()

    expect(page.locator("#booking-body a.slot").first).to_be_visible()
    expect(heading).to_have_text("Step 1 of 2: choose a time")
    assert_accessible(page)


def test_unread_items_and_their_buttons_read_distinctly(page, logged_in_page, alice_client):
    title = "New booking request from Dave"
    older = notification_create(user=alice_client, kind=NotificationKind.BOOKING_REQUESTED, title=title, email=False)
    Notification.objects.filter(pk=older.pk).update(created_at=older.created_at - dt.timedelta(hours=2))
    newer = notification_create(user=alice_client, kind=NotificationKind.BOOKING_REQUESTED, title=title, email=False)
    logged_in_page(alice_client)

    page.goto("/notifications/")
    assert_accessible(page)

    newest_first = [page.locator(f"#notification-{item.pk}") for item in (newer, older)]
    for item in newest_first:
        # The visual "New" badge is hidden from screen readers, which hear "Unread:" instead.
        expect(item.locator(".notification__title")).to_match_aria_snapshot(f'- paragraph: "Unread: {title}"')
    expect(newest_first[1].get_by_role("button")).to_have_accessible_name(f"Mark as read “{title}”, 2 hours ago")
    expect(newest_first[0].get_by_role("button")).to_have_accessible_name(
        re.compile(rf"^Mark as read “{title}”, (now|\d+ seconds? ago)$")
    )
