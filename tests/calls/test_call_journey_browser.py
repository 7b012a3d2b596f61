"""A participant's way into a real call, in Chromium with a fake camera and microphone:
the lobby of a confirmed call inside its window, then the call page, which stays calm
whether LiveKit cannot be reached or is not set up at all."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET, pause_clock
from tests.fakes.livekit_twirp import closed_port_url

pytestmark = pytest.mark.browser

VIDEO_PLAYING = "() => document.querySelector('[data-preview]').readyState === 4"
MIC_LEVEL_MOVES = "() => document.querySelector('[data-mic-level]').value > 0"


def expect_retrying(page) -> None:
    expect(page.get_by_role("heading", name="The video service is unavailable right now")).to_be_visible()
    expect(page.locator("[data-connection-state]")).to_have_text("Video service unavailable — retrying")
    expect(page.get_by_role("button", name="Retry now")).to_be_visible()


def test_from_the_lobby_to_a_call_whose_video_service_is_unreachable(
    logged_in_page, settings, allow_connections_to, bob_call, alice_client
):
    unreachable = closed_port_url("ws")
    settings.LIVEKIT_URL = unreachable
    settings.LIVEKIT_API_KEY, settings.LIVEKIT_API_SECRET = LIVEKIT_API_KEY, LIVEKIT_API_SECRET
    allow_connections_to(unreachable)
    page = logged_in_page(alice_client)

    page.goto(f"/calls/{bob_call.call_id}/lobby/")
    page.wait_for_function(VIDEO_PLAYING)
    page.wait_for_function(MIC_LEVEL_MOVES)
    expect(page.locator("[data-join-status]")).to_have_text("You can join now.")
    assert_accessible(page)

    with page.expect_response(f"**/api/v1/calls/{bob_call.call_id}/token") as token:
        page.get_by_role("button", name="Join call").click()
        page.wait_for_url(f"**/calls/{bob_call.call_id}/")
    assert token.value.status == 200

    expect_retrying(page)
    assert_accessible(page)


def test_without_livekit_the_token_refusal_shows_as_a_calm_retrying_state(logged_in_page, settings, bob_call, bob_expert):
    settings.LIVEKIT_URL = settings.LIVEKIT_API_KEY = settings.LIVEKIT_API_SECRET = ""
    page = logged_in_page(bob_expert)
    pause_clock(page)  # the countdown below stays at its first value

    with page.expect_response(f"**/api/v1/calls/{bob_call.call_id}/token") as token:
        page.goto(f"/calls/{bob_call.call_id}/")
    assert token.value.status == 503
    assert token.value.json()["error"]["code"] == "video_service_unavailable"

    expect_retrying(page)
    expect(page.locator("[data-retry-countdown]")).to_have_text("Next attempt in 2 s.")
    page.clock.resume()  # axe waits on timers of its own
    assert_accessible(page)


def test_a_stranger_gets_the_friendly_not_found_page(logged_in_page, bob_call, dave_client):
    page = logged_in_page(dave_client)

    response = page.goto(f"/calls/{bob_call.call_id}/lobby/")

    assert response.status == 404
    assert page.locator("[data-lobby]").count() == 0
    assert_accessible(page)
