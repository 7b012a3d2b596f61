"""The call page when LiveKit cannot be used: calm messages, retries, never a blank page.

The page's clock is paused (Playwright's fake timers) where a test reads the retry
countdown, and moved on by hand: on a busy machine a real second can pass between the
page showing "2 s" and the check reading it, or the retry can fire before the count."""

import pytest
from playwright.sync_api import expect

from calls.livekit import LiveKitClient
from tests.browser.helpers import assert_accessible
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET, pause_clock
from tests.fakes.livekit_rtc import RefusingLiveKit
from tests.fakes.livekit_twirp import closed_port_url

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.calls.harness_urls")]

TOKEN_URL = "**/harness/token/"


def grant_for(ws_url: str) -> dict:
    client = LiveKitClient(url=ws_url, api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)
    token = client.token_create(room="booking-1", identity="42", name="Alice Client", ttl_minutes=5)
    return {"token": token, "url": ws_url, "room": "booking-1"}


def expect_retrying(page, *, next_attempt_in: int) -> None:
    expect(page.get_by_role("heading", name="The video service is unavailable right now")).to_be_visible()
    expect(page.locator("[data-connection-state]")).to_have_text("Video service unavailable — retrying")
    expect(page.locator("[data-retry-countdown]")).to_have_text(f"Next attempt in {next_attempt_in} s.")


def test_a_503_from_the_token_endpoint_shows_the_calm_retrying_state(page, token_endpoint):
    pause_clock(page)
    response = page.goto("/harness/call/")

    expect_retrying(page, next_attempt_in=2)
    assert token_endpoint.calls == 1
    # The bundle ran under the site's policy: scripts from our origin only, no eval.
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy and "unsafe-inline" not in policy
    page.clock.resume()  # axe waits on timers of its own
    assert_accessible(page)


def test_the_page_retries_by_itself_with_growing_delays(page, token_endpoint):
    pause_clock(page)
    page.goto("/harness/call/")
    expect_retrying(page, next_attempt_in=2)
    page.clock.run_for(1_000)
    expect(page.locator("[data-retry-countdown]")).to_have_text("Next attempt in 1 s.")
    assert token_endpoint.calls == 1

    with page.expect_request(TOKEN_URL, timeout=5_000):
        page.clock.run_for(1_000)

    expect(page.locator("[data-retry-countdown]")).to_have_text("Next attempt in 4 s.")
    assert token_endpoint.calls == 2


def test_retry_now_tries_at_once_and_a_refusal_shows_the_reason_without_retrying(page, token_endpoint):
    pause_clock(page)
    page.goto("/harness/call/")
    expect_retrying(page, next_attempt_in=2)
    token_endpoint.answer(403, {"error": {"code": "forbidden", "message": "You can join from 10 minutes before the start.", "fields": {}}})

    with page.expect_request(TOKEN_URL):
        page.get_by_role("button", name="Retry now").press("Enter")

    expect(page.get_by_text("You can join from 10 minutes before the start.").first).to_be_visible()
    expect(page.get_by_role("button", name="Retry now")).to_be_hidden()
    assert token_endpoint.calls == 1


def test_an_unreachable_livekit_shows_the_retrying_state(page, token_endpoint, allow_connections_to):
    unreachable = closed_port_url("ws")
    allow_connections_to(unreachable)
    token_endpoint.answer(200, grant_for(unreachable))
    pause_clock(page)

    page.goto("/harness/call/")

    expect_retrying(page, next_attempt_in=2)
    with page.expect_request(TOKEN_URL, timeout=5_000):
        page.clock.run_for(2_000)
    expect(page.locator("[data-retry-countdown]")).to_have_text("Next attempt in 4 s.")
    page.clock.resume()  # axe waits on timers of its own
    assert_accessible(page)


def test_a_livekit_that_refuses_the_token_asks_for_a_reload(page, token_endpoint, allow_connections_to):
    with RefusingLiveKit() as livekit:
        allow_connections_to(livekit.ws_url)
        token_endpoint.answer(200, grant_for(livekit.ws_url))

        page.goto("/harness/call/")

        expect(page.locator("[data-problem-text]")).to_have_text(
            "Your access to this call has expired. Reload the page to join again."
        )
        expect(page.get_by_role("button", name="Reload the page")).to_be_visible()
        # livekit-client 2.x opens /rtc/v1 and, when that fails, asks /rtc/v1/validate why.
        assert "/rtc/v1/validate" in livekit.paths
    assert token_endpoint.calls == 1
    assert_accessible(page)


def test_the_degraded_call_page_fits_a_phone_screen(page, token_endpoint):
    pause_clock(page)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/harness/call/")

    expect_retrying(page, next_attempt_in=2)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.get_by_role("button", name="Retry now")).to_be_in_viewport()
