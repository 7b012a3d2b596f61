"""The auth rows of SPEC §8 walked end to end: register, login (cookie), refresh by body
and by cookie with rotation and reuse detection, logout, logout-all, sessions, Google."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from tests.conftest import PASSWORD
from tests.contract.conftest import each, error_of, field_errors

pytestmark = pytest.mark.django_db

COOKIE = settings.REFRESH_COOKIE_NAME


def bearer(access: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {access}"}


def login(client, email: str = "alice@example.com"):
    return client.post("/api/v1/auth/login", {"email": email, "password": PASSWORD}, format="json")


def test_register_answers_201_with_the_user_and_a_token_pair(api):
    body = {"email": "Eve@Example.com", "password": "a-long-enough-passphrase", "full_name": "Eve", "role": "expert"}

    response = api.post("/api/v1/auth/register", body, format="json")

    assert response.status_code == 201
    data = response.json()
    assert set(data) == {"user", "access", "refresh"}
    assert data["user"]["email"] == "eve@example.com" and data["user"]["role"] == "expert"
    assert response.cookies[COOKIE].value == data["refresh"]
    again = api.post("/api/v1/auth/register", {**body, "email": "EVE@example.com"}, format="json")
    assert "email" in field_errors(again)


BAD_SIGN_UPS = [
    ({"email": "not-an-email"}, "email"),
    ({"email": 5}, "email"),
    ({"role": "admin"}, "role"),
    ({"role": None}, "role"),
    ({"password": "123"}, "password"),
    ({"password": "x" * 100_000}, "password"),
    ({"full_name": "A" * 10_000}, "full_name"),
    ({"full_name": "Nul\x00byte"}, "full_name"),
    ({"full_name": {"first": "A"}}, "full_name"),
]


def test_register_refuses_bad_fields_by_name(api):
    body = {"email": "eve@example.com", "password": "a-long-enough-passphrase", "full_name": "Eve", "role": "client"}

    each(
        BAD_SIGN_UPS,
        lambda change, field: field_errors(api.post("/api/v1/auth/register", {**body, **change}, format="json"))[field],
    )


def test_register_with_nothing_names_every_missing_field(api):
    assert set(field_errors(api.post("/api/v1/auth/register", {}, format="json"))) == {
        "email",
        "password",
        "full_name",
        "role",
    }


def test_login_answers_the_pair_and_sets_an_httponly_lax_refresh_cookie(api, alice_client):
    response = login(api, "ALICE@example.com")

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    cookie = response.cookies[COOKIE]
    assert cookie.value == response.json()["refresh"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/api/v1/auth/"


def test_login_failures(api, alice_client):
    error_of(
        api.post("/api/v1/auth/login", {"email": "alice@example.com", "password": "wrong-password"}, format="json"), 401
    )
    error_of(api.post("/api/v1/auth/login", {"email": "nobody@example.com", "password": PASSWORD}, format="json"), 401)
    assert set(field_errors(api.post("/api/v1/auth/login", {}, format="json"))) == {"email", "password"}
    assert field_errors(api.post("/api/v1/auth/login", {"email": ["a"], "password": 1}, format="json"))


def test_refresh_rotates_by_cookie_and_by_body_and_reuse_ends_every_session(api, alice_client):
    first = login(api).json()
    other_device = login(APIClient()).json()

    by_cookie = api.post("/api/v1/auth/refresh")
    assert by_cookie.status_code == 200 and set(by_cookie.json()) == {"access", "refresh"}
    assert by_cookie.json()["refresh"] != first["refresh"]
    assert by_cookie.cookies[COOKIE].value == by_cookie.json()["refresh"]
    by_body = APIClient().post("/api/v1/auth/refresh", {"refresh": by_cookie.json()["refresh"]}, format="json")
    assert by_body.status_code == 200

    error_of(APIClient().post("/api/v1/auth/refresh", {"refresh": first["refresh"]}, format="json"), 401)

    for token in (by_body.json()["refresh"], other_device["refresh"]):
        error_of(APIClient().post("/api/v1/auth/refresh", {"refresh": token}, format="json"), 401)


def test_refresh_refuses_what_is_not_a_refresh_token(api, alice_client):
    access = login(APIClient()).json()["access"]

    assert "refresh" in field_errors(api.post("/api/v1/auth/refresh", {}, format="json"))
    error_of(api.post("/api/v1/auth/refresh", {"refresh": "abc"}, format="json"), 401)
    error_of(api.post("/api/v1/auth/refresh", {"refresh": access}, format="json"), 401)
    assert field_errors(api.post("/api/v1/auth/refresh", {"refresh": "x" * 10_000}, format="json"))


def test_logout_ends_that_session_and_clears_the_cookie(api, alice_client):
    pair = login(api).json()

    response = api.post("/api/v1/auth/logout", **bearer(pair["access"]))

    assert response.status_code == 204 and response.content == b""
    assert response.cookies[COOKIE].value == ""
    error_of(APIClient().post("/api/v1/auth/refresh", {"refresh": pair["refresh"]}, format="json"), 401)


def test_logout_all_ends_every_session(alice_client):
    pairs = [login(APIClient()).json() for _ in range(2)]

    assert APIClient().post("/api/v1/auth/logout-all", **bearer(pairs[0]["access"])).status_code == 204

    for pair in pairs:
        error_of(APIClient().post("/api/v1/auth/refresh", {"refresh": pair["refresh"]}, format="json"), 401)


def test_sessions_list_and_revoke_only_ones_own(api, alice_client, dave_client):
    mine = login(api).json()
    daves = login(APIClient(), "dave@example.com").json()
    listed = api.get("/api/v1/auth/sessions", **bearer(mine["access"])).json()
    dave_session = APIClient().get("/api/v1/auth/sessions", **bearer(daves["access"])).json()[0]["id"]

    assert [set(item) for item in listed] == [
        {"id", "user_agent", "ip", "created_at", "last_used_at", "expires_at", "current"}
    ]
    assert listed[0]["current"] is True
    error_of(api.delete(f"/api/v1/auth/sessions/{dave_session}", **bearer(mine["access"])), 404)
    assert api.delete(f"/api/v1/auth/sessions/{listed[0]['id']}", **bearer(mine["access"])).status_code == 204
    # The access token was bound to the session it just revoked, so it is refused at once.
    error_of(api.delete(f"/api/v1/auth/sessions/{listed[0]['id']}", **bearer(mine["access"])), 401, "session_revoked")
    other_device = login(APIClient()).json()
    error_of(api.delete(f"/api/v1/auth/sessions/{listed[0]['id']}", **bearer(other_device["access"])), 404)


def test_google_that_cannot_be_reached_is_a_clear_503_not_a_500(api, settings):
    settings.GOOGLE_USERINFO_URL = "http://127.0.0.1:9/v1/userinfo"  # nothing listens on the discard port

    error = error_of(
        api.post("/api/v1/auth/google", {"access_token": "ya29.token", "role": "client"}, format="json"), 503
    )

    assert error["code"] == "google_unavailable"


def test_google_input_is_checked_before_google_is_asked(api):
    assert "access_token" in field_errors(api.post("/api/v1/auth/google", {}, format="json"))
    assert "role" in field_errors(api.post("/api/v1/auth/google", {"access_token": "x", "role": "boss"}, format="json"))
    assert "access_token" in field_errors(api.post("/api/v1/auth/google", {"access_token": "a b\n"}, format="json"))
