"""The header's unread badge follows notifications live, without a reload.

The site is served here by a real uvicorn process (ASGI): Server-Sent Events need an
async server, which ``live_server`` (WSGI) is not. The session cookie set for the live
server is for 127.0.0.1, so the browser sends it to the uvicorn port as well.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from notifications.models import NotificationKind
from notifications.services import notification_create
from scheduling.bookings.services import booking_create
from tests.browser.helpers import assert_accessible
from tests.notifications.conftest import bob_hour, quarter_hour_after  # noqa: F401 (fixture)
from tests.notifications.servers import uvicorn_process

pytestmark = pytest.mark.browser
LIVE_MS = 5_000


@pytest.fixture(scope="module")
def asgi_url(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), uvicorn_process() as url:
        yield url


def sign_in(context, user, url: str):
    """A session for ``user`` in the browser context, for the uvicorn server's address."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": url}])
    return context


def test_the_badge_counts_a_new_notification_without_a_reload(page, asgi_url, alice_client):
    sign_in(page.context, alice_client, asgi_url)
    page.goto(f"{asgi_url}/notifications/")
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    badge = page.locator("#notifications-bell-count [data-unread-number]")
    expect(badge).to_be_hidden()
    assert_accessible(page)
    page.evaluate("window.notReloaded = true")

    notification_create(user=alice_client, kind=NotificationKind.PAYOUT_PAID, title="Your payout is on its way", email=False)

    expect(badge).to_have_text("1", timeout=LIVE_MS)
    expect(page.get_by_role("link", name="Notifications 1 unread", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Your payout is on its way")
    expect(page.locator(".notification-list")).to_contain_text("Your payout is on its way")  # the list follows
    assert page.evaluate("window.notReloaded") is True
    assert_accessible(page)


def test_when_the_client_pays_the_experts_badge_changes(page, browser, asgi_url, alice_client, bob_expert, bob_hour):  # noqa: F811
    sign_in(page.context, bob_expert, asgi_url)
    expert_page = page
    expert_page.goto(f"{asgi_url}/")
    badge = expert_page.locator("#notifications-bell-count [data-unread-number]")
    expect(badge).to_be_hidden()

    booking = booking_create(client=alice_client, area=bob_hour, start=quarter_hour_after(dt.timedelta(days=2)))
    client_context = sign_in(browser.new_context(), alice_client, asgi_url)
    try:
        client_page = client_context.new_page()
        client_page.goto(asgi_url + booking.call.payment.authorization_url)
        client_page.get_by_role("button", name="Pay ₦15,000", exact=True).click()

        expect(badge).to_have_text("1", timeout=LIVE_MS)
        expect(expert_page.get_by_role("status")).to_contain_text("New booking request from Alice Client")
        assert_accessible(expert_page)
    finally:
        client_context.close()
