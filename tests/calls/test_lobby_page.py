"""The lobby in a real Chromium with a fake camera and microphone."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.calls.harness_urls")]

PREFS_KEY = "procusmeet.call.media"
VIDEO_PLAYING = "() => document.querySelector('[data-preview]').readyState === 4"
MIC_LEVEL_MOVES = "() => document.querySelector('[data-mic-level]').value > 0"


def stored_prefs(page) -> dict:
    return json.loads(page.evaluate(f"() => sessionStorage.getItem('{PREFS_KEY}')") or "{}")


def test_the_lobby_shows_a_playing_camera_preview_and_a_moving_microphone_meter(page):
    page.goto("/harness/lobby/")

    page.wait_for_function(VIDEO_PLAYING)
    page.wait_for_function(MIC_LEVEL_MOVES)
    expect(page.get_by_label("Camera", exact=True)).to_be_enabled()
    expect(page.get_by_label("Microphone", exact=True)).to_be_enabled()
    assert_accessible(page)


def test_join_is_enabled_inside_the_window_and_leads_to_the_call_page(page, token_endpoint):
    page.goto("/harness/lobby/?opens_in=-60&starts_in=540&ends_in=3600")
    join = page.get_by_role("button", name="Join call")

    expect(join).to_be_enabled()
    expect(page.locator("[data-join-status]")).to_have_text("You can join now.")
    expect(page.locator("[data-countdown]")).to_have_text("The call starts in 9 minutes.")
    join.click()

    page.wait_for_url("**/harness/call/")


def test_join_is_disabled_before_the_window_and_opens_by_itself(page):
    page.goto("/harness/lobby/?opens_in=2&starts_in=602&ends_in=3600")
    join = page.get_by_role("button", name="Join call")

    expect(join).to_be_disabled()
    expect(page.locator("[data-join-status]")).to_have_text("Not open yet: you can join from 10 minutes before the start.")
    expect(page.locator("[data-countdown]")).to_contain_text("The call starts in 10 minutes.")
    expect(join).to_be_enabled(timeout=5_000)
    expect(page.locator("[data-join-status]")).to_have_text("You can join now.")


def test_days_ahead_the_countdown_says_when_the_call_starts_once(page):
    four_days = 4 * 86400
    page.goto(f"/harness/lobby/?opens_in={four_days - 600}&starts_in={four_days}&ends_in={four_days + 3600}")

    expect(page.locator("[data-countdown]")).to_have_text("The call starts in 4 days.")
    expect(page.locator("[data-join-status]")).to_have_text("Not open yet: you can join from 10 minutes before the start.")
    assert_accessible(page)


def test_half_an_hour_ahead_the_countdown_also_says_when_joining_opens(page):
    page.goto("/harness/lobby/?opens_in=1200&starts_in=1800&ends_in=5400")

    expect(page.locator("[data-countdown]")).to_have_text("The call starts in 30 minutes. You can join in 20 minutes.")


def test_join_is_disabled_after_the_scheduled_end(page):
    page.goto("/harness/lobby/?opens_in=-4200&starts_in=-3600&ends_in=-60")

    expect(page.get_by_role("button", name="Join call")).to_be_disabled()
    expect(page.locator("[data-countdown]")).to_have_text("The time for this call has passed.")


def test_mic_and_camera_choices_carry_into_the_call_page(page, token_endpoint):
    page.goto("/harness/lobby/")
    page.wait_for_function(VIDEO_PLAYING)
    mic = page.get_by_role("button", name="Microphone")
    camera = page.get_by_role("button", name="Camera")

    mic.click()
    camera.click()

    expect(mic).to_have_attribute("aria-pressed", "false")
    expect(camera).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-preview-off]")).to_be_visible()
    # Off means off: the camera track is released, not just hidden.
    assert page.evaluate("() => document.querySelector('[data-preview]').srcObject") is None
    page.get_by_role("button", name="Join call").click()
    page.wait_for_url("**/harness/call/")
    prefs = stored_prefs(page)
    assert (prefs["micEnabled"], prefs["cameraEnabled"]) == (False, False)
    assert prefs["audioDeviceId"]


def test_turning_the_camera_back_on_plays_the_preview_again(page):
    page.goto("/harness/lobby/")
    page.wait_for_function(VIDEO_PLAYING)
    camera = page.get_by_role("button", name="Camera")

    camera.click()
    expect(page.locator("[data-preview-off]")).to_be_visible()
    camera.click()

    page.wait_for_function(VIDEO_PLAYING)
    expect(camera).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-preview-off]")).to_be_hidden()


def watch(page) -> list[str]:
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    return problems


def test_denied_permission_explains_how_to_allow_the_camera(launch_chromium, base_url):
    browser = launch_chromium(without=["--use-fake-ui-for-media-stream"])
    page = browser.new_page(base_url=base_url)
    problems = watch(page)

    page.goto("/harness/lobby/")

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Your browser is blocking the camera and microphone for this site.")
    expect(alert).to_contain_text("allow the camera and microphone")
    expect(alert.get_by_role("button", name="Try again")).to_be_visible()
    expect(page.get_by_role("button", name="Join call")).to_be_enabled()
    assert_accessible(page)
    assert problems == []


def test_no_camera_or_microphone_says_so(launch_chromium, base_url):
    browser = launch_chromium(without=["--use-fake-device-for-media-stream"])
    page = browser.new_page(base_url=base_url)
    problems = watch(page)

    page.goto("/harness/lobby/")

    expect(page.get_by_role("alert")).to_contain_text("We could not find a camera or a microphone.")
    assert problems == []


def test_the_lobby_fits_a_phone_screen(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/harness/lobby/")
    page.wait_for_function(VIDEO_PLAYING)

    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.get_by_role("button", name="Join call")).to_be_visible()
    assert_accessible(page)
