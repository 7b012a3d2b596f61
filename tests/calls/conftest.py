"""LiveKit for the calls tests: a local fake of its server API and settings pointing at
it; for the browser tests, the harness token endpoint and extra Chromium launches."""

import time

import pytest

# The browser tests here drive the same Chromium as tests/browser, with its checks.
from tests.browser.conftest import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    base_url,
    browser_type_launch_args,
    logged_in_page,
    page,
)
from tests.calls.harness_urls import TOKEN_ENDPOINT
from tests.fakes.livekit_twirp import FakeLiveKit

LIVEKIT_API_KEY = "APItestkey"
# HS256 keys shorter than 32 bytes make PyJWT warn; LiveKit's real secrets are longer too.
LIVEKIT_API_SECRET = "test-secret-0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
def fake_livekit():
    with FakeLiveKit(api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET) as fake:
        yield fake


@pytest.fixture
def livekit_settings(settings, fake_livekit):
    """Settings as in production, with the browser URL (ws://) on the fake's host."""
    settings.LIVEKIT_URL = fake_livekit.ws_url
    settings.LIVEKIT_API_KEY = LIVEKIT_API_KEY
    settings.LIVEKIT_API_SECRET = LIVEKIT_API_SECRET
    settings.LIVEKIT_API_URL = ""
    settings.LIVEKIT_TIMEOUT_SECONDS = 5
    return settings


@pytest.fixture
def token_endpoint():
    """The harness token endpoint, answering 503 until a test says otherwise."""
    TOKEN_ENDPOINT.answer(503, {"error": {"code": "video_service_unavailable", "message": "Unavailable.", "fields": {}}})
    return TOKEN_ENDPOINT


@pytest.fixture
def launch_chromium(browser_type):
    """``launch_chromium(without=[flag, ...])``: a separate Chromium missing some of the
    fake-media flags (no fake UI = permission denied; no fake device = no camera)."""
    browsers = []

    def launch(*, without: list[str]):
        browser = browser_type.launch(executable_path=CHROMIUM, args=[a for a in CHROMIUM_ARGS if a not in without])
        browsers.append(browser)
        return browser

    yield launch
    for browser in browsers:
        browser.close()


@pytest.fixture
def allow_connections_to(settings):
    """Let the call page reach a LiveKit address, as settings do for LIVEKIT_URL."""

    def allow(ws_url: str) -> None:
        policy = settings.CONTENT_SECURITY_POLICY
        directives = {**policy["DIRECTIVES"]}
        directives["connect-src"] = [*directives["connect-src"], ws_url, ws_url.replace("ws://", "http://", 1)]
        settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}

    return allow


def pause_clock(page) -> None:
    """Freeze the page's Date and timers from its next load on; time then moves only by
    ``page.clock.run_for``. On a busy machine a real second can pass between the call page
    showing a retry countdown and a check reading it. Call ``page.clock.resume()``
    before ``assert_accessible``: axe waits on timers of its own."""
    now = time.time()
    page.clock.install(time=now)
    page.clock.pause_at(now + 1)


# Confirmed calls made through the booking services (the calls lifecycle tests).
from tests.calls.bookings import bob_call, bob_hour, bob_live_call, carol_hour  # noqa: E402,F401
