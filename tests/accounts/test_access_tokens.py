import pytest
from rest_framework_simplejwt.tokens import AccessToken

from accounts.services import user_deactivate
from accounts.tokens import session_start
from tests.accounts.conftest import bearer, expired_access

pytestmark = pytest.mark.django_db


def test_a_deactivated_user_is_refused_on_the_very_next_request(api, alice_client):
    access = session_start(user=alice_client).access
    assert api.get("/api/v1/me", **bearer(access)).status_code == 200

    user_deactivate(user=alice_client)
    response = api.get("/api/v1/me", **bearer(access))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_inactive"


def test_an_expired_access_token_is_a_401_in_the_error_shape(api, alice_client):
    response = api.get("/api/v1/me", **bearer(expired_access(alice_client)))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {
        "error": {"code": "token_not_valid", "message": "The access token is invalid or expired.", "fields": {}}
    }


def test_a_refresh_token_is_not_accepted_as_an_access_token(api, alice_client):
    refresh = session_start(user=alice_client).refresh

    response = api.get("/api/v1/me", **bearer(refresh))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_a_token_with_a_forged_signature_is_refused(api, alice_client):
    token = AccessToken()
    token["user_id"] = alice_client.pk
    forged = str(token).rsplit(".", 1)[0] + ".Zm9yZ2VkLXNpZ25hdHVyZQ"

    assert api.get("/api/v1/me", **bearer(forged)).status_code == 401


def test_an_anonymous_request_is_a_401_with_a_bearer_challenge(api):
    response = api.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
