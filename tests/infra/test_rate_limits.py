"""Rate limits: global per IP, tight on the auth flows, shared by every process of one cache.

Rates are per hour here so a test never straddles the counter's window boundary.
"""

import pytest
from django.conf import settings as django_settings

from tests.infra.project import clean_env, django_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_AUTH_RATE = "3/h"
    settings.RATELIMIT_GLOBAL_RATE = "5/h"
    return settings


def test_api_login_is_limited_after_the_auth_rate(client, tight):
    statuses = [client.post("/api/v1/auth/login", {}, content_type="application/json").status_code for _ in range(3)]
    assert 429 not in statuses
    response = client.post("/api/v1/auth/login", {}, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert 0 < int(response["Retry-After"]) <= 3600


def test_web_login_is_limited_with_the_friendly_page(client, tight):
    # Empty forms: the limit counts attempts, and this skips the (slow) password hashing.
    for _ in range(3):
        assert client.post("/accounts/login/", {}).status_code != 429
    response = client.post("/accounts/login/", {})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "Too many requests" in response.content.decode()
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/auth/register",
        "/api/v1/auth/refresh",
        "/api/v1/auth/google",
        "/accounts/password/reset/",
        "/api/v1/auth/password-reset",
        "/api/v1/me/deletion-request",
        "/api/v1/me/password",
        "/account/delete/",
        "/accounts/password/change/",
        "/accounts/reauthenticate/",
    ],
)
def test_every_auth_flow_has_the_tight_limit(client, tight, path):
    for _ in range(3):
        client.post(path, {})
    assert client.post(path, {}).status_code == 429


def test_each_auth_flow_counts_on_its_own(client, tight):
    # A client that registers, logs in and refreshes must not be limited by the sum.
    tight.RATELIMIT_GLOBAL_RATE = "100/h"
    for _ in range(3):
        client.post("/api/v1/auth/login", {}, content_type="application/json")
    assert client.post("/api/v1/auth/login", {}, content_type="application/json").status_code == 429
    assert client.post("/api/v1/auth/register", {}, content_type="application/json").status_code == 400
    assert client.post("/api/v1/auth/refresh", {}, content_type="application/json").status_code != 429


def test_the_login_page_and_the_api_login_share_one_counter(client, tight):
    # Otherwise one address would get twice the password guesses.
    for _ in range(2):
        client.post("/api/v1/auth/login", {}, content_type="application/json")
    client.post("/accounts/login/", {})
    assert client.post("/accounts/login/", {}).status_code == 429


def test_reading_pages_counts_only_against_the_global_limit(client, tight):
    statuses = [client.get("/api/v1/no-such-thing").status_code for _ in range(5)]
    assert statuses == [404] * 5
    limited = client.get("/api/v1/no-such-thing")
    assert limited.status_code == 429 and "Retry-After" in limited


def test_the_global_limit_answers_the_friendly_page_on_the_web(client, tight):
    for _ in range(5):
        client.get("/no-such-page/")
    response = client.get("/no-such-page/")
    assert response.status_code == 429 and "Too many requests" in response.content.decode()


def test_health_probes_are_never_limited(client, tight):
    assert {client.get("/healthz").status_code for _ in range(8)} == {200}


def test_limits_are_per_client_address(client, tight):
    for _ in range(4):
        client.post("/api/v1/auth/login", {}, content_type="application/json")
    other = client.post("/api/v1/auth/login", {}, content_type="application/json", REMOTE_ADDR="203.0.113.9")
    assert other.status_code != 429


def test_switching_limits_off_lets_every_request_through(client, tight):
    tight.RATELIMIT_ENABLE = False
    statuses = {client.post("/api/v1/auth/login", {}, content_type="application/json").status_code for _ in range(6)}
    assert 429 not in statuses


def test_ratelimit_enable_false_in_the_environment_turns_limits_off():
    env = clean_env(DJANGO_SETTINGS_MODULE="procusmeet.test_settings", RATELIMIT_ENABLE="false")
    assert django_json("from django.conf import settings\nresult = settings.RATELIMIT_ENABLE", env) is False


def test_the_limit_holds_across_processes_sharing_the_cache(client, tight):
    """A second process on the same cache folder sees this one's counter, and back."""
    for _ in range(2):
        assert client.post("/api/v1/auth/login", {}, content_type="application/json").status_code != 429
    other_process = django_json(
        "from django.test import Client\n"
        "from django.test.utils import override_settings\n"
        f"with override_settings(CACHES={django_settings.CACHES!r}, RATELIMIT_AUTH_RATE='3/h'):\n"
        "    client = Client()\n"
        "    result = [client.post('/api/v1/auth/login', {}, content_type='application/json').status_code"
        " for _ in range(2)]",
        clean_env(DJANGO_SETTINGS_MODULE="procusmeet.test_settings"),
    )
    assert other_process[0] != 429 and other_process[1] == 429
    assert client.post("/api/v1/auth/login", {}, content_type="application/json").status_code == 429


@pytest.mark.parametrize("provider", ["paystack", "livekit"])
def test_provider_webhooks_are_never_limited(client, tight, provider):
    # Unsigned deliveries: refused on their signature, never on the rate.
    url = f"/api/v1/webhooks/{provider}"
    statuses = {client.post(url, b"{}", content_type="application/json").status_code for _ in range(8)}
    assert 429 not in statuses and statuses <= {400, 401}
