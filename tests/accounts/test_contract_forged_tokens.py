"""Tokens nobody issued: unsigned (``alg: none``), signed with another secret or another
HMAC algorithm, or a real token's claims moved to another user or session. Each is a
401 in the error shape, on the access side and the refresh side, and a forged refresh
token never trips reuse detection (it would sign its victim out everywhere)."""

import base64
import json

import jwt
import pytest
from django.conf import settings

from accounts.models import RefreshSession
from accounts.tokens import session_start
from tests.accounts.conftest import bearer

pytestmark = pytest.mark.django_db


def _segment(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def forgeries(token: str, **swapped) -> dict[str, str]:
    claims = {**_claims(token), **swapped}
    key = settings.SIMPLE_JWT["SIGNING_KEY"]
    return {
        "alg-none": f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(claims)}.",
        "other-secret": jwt.encode(claims, "not-our-secret-but-long-enough-for-hs256", algorithm="HS256"),
        "hs384-with-our-key": jwt.encode(claims, key, algorithm="HS384"),
    }


@pytest.mark.parametrize("kind", ["alg-none", "other-secret", "hs384-with-our-key"])
def test_a_forged_access_token_is_refused(api, alice_client, kind):
    pair = session_start(user=alice_client)

    response = api.get("/api/v1/me", **bearer(forgeries(pair.access)[kind]))

    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "token_not_valid", "message": "The access token is invalid or expired.", "fields": {}}
    }


@pytest.mark.parametrize("kind", ["alg-none", "other-secret", "hs384-with-our-key"])
def test_a_forged_refresh_token_is_refused_and_revokes_nothing(api, alice_client, kind):
    pair = session_start(user=alice_client)
    forged = forgeries(pair.refresh)[kind]

    by_body = api.post("/api/v1/auth/refresh", {"refresh": forged}, format="json")
    api.cookies[settings.REFRESH_COOKIE_NAME] = forged
    by_cookie = api.post("/api/v1/auth/refresh")

    for response in (by_body, by_cookie):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_refresh_token"
    assert RefreshSession.objects.filter(pk=pair.session.pk).exists()


def test_a_real_access_token_of_one_user_cannot_name_another_users_session(api, alice_client, dave_client):
    alice, dave = session_start(user=alice_client), session_start(user=dave_client)
    key = settings.SIMPLE_JWT["SIGNING_KEY"]
    moved = jwt.encode({**_claims(alice.access), "sid": dave.session.pk}, key, algorithm="HS256")

    response = api.get("/api/v1/me", **bearer(moved))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_revoked"
