""""End call" refused by the server (409 call_not_started before the start): the
confirmation closes, focus returns to End, and the server's reason shows as a calm
notice while the call goes on."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.fakes.livekit_rtc import RefusingLiveKit

pytestmark = pytest.mark.browser

# Set-up shortcut: no LiveKit server runs in the tests, so the call never reaches its
# stage by connecting; the test shows the stage (with its End button) by hand.
SHOW_STAGE = "() => { document.querySelector('[data-view=\"stage\"]').hidden = false; }"


@pytest.fixture
def livekit_refusing_browsers(settings, allow_connections_to):
    """LiveKit settings on a local address that refuses the browser: the page settles on
    a calm "reload" message instead of retrying, so nothing redraws under the test."""
    with RefusingLiveKit() as livekit:
        settings.LIVEKIT_URL = livekit.ws_url
        settings.LIVEKIT_API_KEY, settings.LIVEKIT_API_SECRET = LIVEKIT_API_KEY, LIVEKIT_API_SECRET
        allow_connections_to(livekit.ws_url)
        yield livekit


def test_a_refused_end_closes_the_confirmation_and_shows_why(logged_in_page, livekit_refusing_browsers, bob_call, bob_expert):
    page = logged_in_page(bob_expert)
    page.goto(f"/calls/{bob_call.call_id}/")
    expect(page.get_by_role("button", name="Reload the page")).to_be_visible()
    page.evaluate(SHOW_STAGE)

    page.get_by_role("button", name="End call").click()
    confirm = page.locator("[data-end-confirm]")
    expect(confirm).to_be_visible()
    with page.expect_response(f"**/api/v1/calls/{bob_call.call_id}/end") as answer:
        page.get_by_role("button", name="Yes, end the call").click()

    assert answer.value.status == 409 and answer.value.json()["error"]["code"] == "call_not_started"
    expect(confirm).to_be_hidden()
    notice = page.locator("[data-notice]")
    expect(notice).to_contain_text("can be ended from then on. Use Leave to step out meanwhile.")
    expect(page.get_by_role("button", name="End call")).to_be_focused()
    expect(page.get_by_role("button", name="Leave")).to_be_visible()
    assert_accessible(page)
