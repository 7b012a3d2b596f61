"""The "Continue with Google" button, with the settings the site computes when Google
credentials are in the environment, really takes the browser to Google.

The button is a form posting to our own /accounts/google/login/, which redirects to
Google; browsers apply the CSP's form-action to that redirect too, so Google's origin
must be allowed there (the page fixture fails the test on any CSP violation)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.helpers import assert_accessible
from tests.infra.project import clean_env, django_json

pytestmark = pytest.mark.browser

CLIENT_ID = "test-client-id.apps.googleusercontent.com"


@pytest.fixture
def google_configured(settings):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="procusmeet.test_settings", GOOGLE_CLIENT_ID=CLIENT_ID, GOOGLE_CLIENT_SECRET="secret"
    )
    computed = django_json(
        "from django.conf import settings\n"
        "result = [settings.GOOGLE_LOGIN_ENABLED, settings.SOCIALACCOUNT_PROVIDERS, settings.CONTENT_SECURITY_POLICY]",
        env,
    )
    settings.GOOGLE_LOGIN_ENABLED, settings.SOCIALACCOUNT_PROVIDERS, settings.CONTENT_SECURITY_POLICY = computed


def test_continue_with_google_reaches_google_under_the_sites_csp(page, google_configured):
    page.route(
        "https://accounts.google.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Google</title>"),
    )
    page.goto("/accounts/login/")
    assert_accessible(page)

    page.get_by_role("button", name="Continue with Google").click()

    page.wait_for_url("https://accounts.google.com/**")
    query = parse_qs(urlsplit(page.url).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"][0].endswith("/accounts/google/login/callback/")
