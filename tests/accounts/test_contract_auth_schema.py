"""The OpenAPI schema lists the answers the auth routes really give: a logout with a bad
body (400), and the tight rate limit on sign-in, sign-up, refresh and Google (429)."""

import pytest
from rest_framework.test import APIClient

from accounts.tokens import session_start
from tests.accounts.conftest import bearer
from tests.contract.test_schema_matches_answers import conforms

pytestmark = pytest.mark.django_db

RATE_LIMITED = [
    ("/api/v1/auth/register", {}),
    ("/api/v1/auth/login", {}),
    ("/api/v1/auth/refresh", {}),
    ("/api/v1/auth/google", {}),
    ("/api/v1/me/deletion-request", {}),
]


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


@pytest.mark.parametrize("body", [{"refresh": ["x"]}, {"refresh": None}, {"refresh": "x" * 5000}])
def test_a_logout_with_a_bad_refresh_field_is_a_documented_400(openapi, api, alice_client, body):
    access = session_start(user=alice_client).access

    response = api.post("/api/v1/auth/logout", body, format="json", **bearer(access))

    assert response.status_code == 400
    conforms(openapi, response, "post", "/api/v1/auth/logout")


@pytest.mark.parametrize("path,body", RATE_LIMITED)
def test_the_auth_rate_limit_answer_is_in_the_schema(openapi, settings, api_as, alice_client, path, body):
    settings.RATELIMIT_AUTH_RATE = "1/m"
    client = api_as(alice_client)
    client.post(path, body, format="json")

    response = client.post(path, body, format="json")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    conforms(openapi, response, "post", path)
