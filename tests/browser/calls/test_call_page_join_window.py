"""The call page asks for a LiveKit token only inside the join window: before it, the
page says once when the call opens and connects by itself then; after it, it says the
time has passed. A refusal is printed once (the status line names only the state)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.calls.bookings import call_at

pytestmark = pytest.mark.browser

OPENS_AT = "This call opens for joining at"


def watch(page) -> dict:
    """Token requests and console errors (a refused token shows as a console 409)."""
    seen = {"tokens": [], "errors": []}
    page.on("request", lambda request: "token" in request.url and seen["tokens"].append(request.url))
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    return seen


def test_before_the_window_the_page_says_once_when_it_opens_and_asks_for_no_token(logged_in_page, bob_call, alice_client):
    booking = call_at(bob_call, timezone.now() + dt.timedelta(minutes=30))
    page = logged_in_page(alice_client)
    seen = watch(page)

    page.goto(f"/calls/{booking.call_id}/")

    expect(page.get_by_text(OPENS_AT)).to_have_count(1)
    expect(page.get_by_text(OPENS_AT)).to_contain_text("(UTC), 10 minutes before the start.")
    expect(page.locator("[data-connection-state]")).to_have_text("Not open yet")
    expect(page.locator("[data-opens-countdown]")).to_have_text("Opens in 20 minutes.")
    expect(page.get_by_role("link", name="Back to the lobby")).to_be_visible()
    assert seen == {"tokens": [], "errors": []}
    assert_accessible(page)


def test_the_lobby_before_the_window_asks_for_no_token_either(logged_in_page, bob_call, alice_client):
    booking = call_at(bob_call, timezone.now() + dt.timedelta(minutes=30))
    page = logged_in_page(alice_client)
    seen = watch(page)

    page.goto(f"/calls/{booking.call_id}/lobby/")

    expect(page.locator("[data-join-status]")).to_have_text("Not open yet: you can join from 10 minutes before the start.")
    expect(page.get_by_role("button", name="Join call")).to_be_disabled()
    assert seen["tokens"] == []
    assert_accessible(page)


@pytest.mark.urls("tests.calls.harness_urls")
def test_the_page_connects_by_itself_when_the_window_opens(page, token_endpoint):
    page.goto("/harness/call/?opens_in=2&ends_in=3600")
    expect(page.locator("[data-connection-state]")).to_have_text("Not open yet")
    assert token_endpoint.calls == 0

    with page.expect_request("**/harness/token/", timeout=5_000):
        pass

    expect(page.locator("[data-connection-state]")).to_have_text("Video service unavailable — retrying")
    expect(page.get_by_text(OPENS_AT)).to_be_hidden()
    assert token_endpoint.calls == 1


@pytest.mark.urls("tests.calls.harness_urls")
def test_after_the_window_the_page_says_so_without_asking_for_a_token(page, token_endpoint):
    page.goto("/harness/call/?opens_in=-4200&ends_in=-60")

    expect(page.locator("[data-problem-text]")).to_have_text("The time for this call has passed.")
    expect(page.locator("[data-connection-state]")).to_have_text("Not connected")
    assert token_endpoint.calls == 0
    assert_accessible(page)


@pytest.mark.urls("tests.calls.harness_urls")
def test_a_refused_token_is_explained_once(page, token_endpoint):
    refusal = "This booking was cancelled, so the call will not take place."
    token_endpoint.answer(409, {"error": {"code": "booking_not_confirmed", "message": refusal, "fields": {}}})

    page.goto("/harness/call/")

    expect(page.locator("[data-problem-text]")).to_have_text(refusal)
    expect(page.get_by_text(refusal)).to_have_count(1)
    expect(page.locator("[data-connection-state]")).to_have_text("Not connected")
    assert token_endpoint.calls == 1
    assert_accessible(page)
