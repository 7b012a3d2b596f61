"""Browser tests: pytest-playwright driving Debian's Chromium against `live_server`.

Pages open relative paths on the live server. Each page fails its test when the
Content-Security-Policy blocks something or a script throws; each page a test visits
is checked with ``tests.browser.helpers.assert_accessible``.
"""

import datetime as dt
import os

import pytest
from django.conf import settings
from django.test import Client

from accounts.storefront.services_areas import area_create
from tests.scheduling.conftest import every_day, set_week, set_zone

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to
# run next to it, although the database work here is plain synchronous test setup.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
WAIT_MS = 10_000


@pytest.hookimpl(trylast=True)  # after pytest-django's own reordering by database use
def pytest_collection_modifyitems(config, items):
    """Browser tests run last: in every xdist worker (with ``--dist loadfile`` and
    ``--no-loadscope-reorder`` files are handed out in this order) and with ``-n0``.

    Playwright's sync API leaves its asyncio loop marked as running in the main thread
    until the session ends. Any later test would then see Django pick a different
    database connection than the one its test transaction was opened on, and the
    sync test client fail on async-adapted middleware. So keep browser tests in files
    of their own; ``tests/conftest.py`` fails loudly if one runs before other tests.
    """
    browser_tests = [item for item in items if "playwright" in getattr(item, "fixturenames", ())]
    if browser_tests:
        chosen = set(browser_tests)
        items[:] = [item for item in items if item not in chosen] + browser_tests


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(django_db_setup, live_server):
    """Every page talks to the live server. Because tests reach ``live_server`` through
    this fixture, pytest-django gives them a transactional database, so the server
    thread sees the rows a test creates."""
    return live_server.url


@pytest.fixture
def page(context):
    """pytest-playwright's page, failing the test on CSP violations and script errors."""
    problems = []
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    yield page
    assert not problems, "The page reported problems:\n" + "\n".join(problems)


@pytest.fixture
def logged_in_page(page, base_url):
    """``logged_in_page(user)``: the page, already signed in through a session cookie
    (fast; use ``helpers.login_via_page`` when the login form itself is under test)."""

    def sign_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])
        return page

    return sign_in


@pytest.fixture
def site(settings, base_url):
    """The checkout sends the browser back to SITE_URL: here, the live server."""
    settings.SITE_URL = base_url
    settings.PAYMENT_PROVIDER = "test"
    return base_url


@pytest.fixture
def payouts_site(site, settings):
    """The test provider's site with a ₦1,000 payout minimum."""
    settings.PAYOUT_MINIMUM = 100_000
    return site


@pytest.fixture
def bob_service(bob_expert):
    """Bob in Lagos, open 09:00–12:00 every day, selling an hour at ₦15,000."""
    profile = set_zone(bob_expert, "Africa/Lagos")
    set_week(profile, *every_day("09:00", "12:00"))
    return area_create(expert=profile, title="Career advice", duration_minutes=60, price=1_500_000)


# A Tuesday, the day before bob_wednesday_mornings' hours.
WEDNESDAY_EVE = dt.datetime(2026, 10, 20, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def bob_wednesday_mornings(bob_expert, frozen_now):
    """Bob in Lagos (UTC+1), free on Wednesdays 09:00–10:30 only, selling an hour; the
    clock frozen at the start of the Tuesday before (21 October 2026 is the Wednesday)."""
    frozen_now(WEDNESDAY_EVE)
    profile = set_zone(bob_expert, "Africa/Lagos")
    area_create(expert=profile, title="Career advice", duration_minutes=60, price=1_500_000)
    set_week(profile, (2, "09:00", "10:30"))
    return profile
