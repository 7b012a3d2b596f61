"""A new account reads times in the zone of the browser it signed up from: the sign-up
form carries the browser's zone (static/js/site.js), not the server's default of UTC."""

import pytest

from accounts.models import User
from tests.browser.helpers import assert_accessible, sign_up_via_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "timezone_id": "America/New_York"}


def test_a_client_signing_up_in_new_york_reads_times_in_new_york(page):
    page.goto("/accounts/signup/")
    assert_accessible(page)
    sign_up_via_page(page, full_name="Nia Client", email="nia@example.com", password=PASSWORD)

    page.wait_for_url("**/bookings/")
    assert_accessible(page)
    assert User.objects.get(email="nia@example.com").client_profile.timezone == "America/New_York"
