import pytest
from django.conf import settings
from django.test import override_settings

from tests.accounts.conftest import bearer, login

pytestmark = pytest.mark.django_db

COOKIE = settings.REFRESH_COOKIE_NAME


def test_login_sets_the_refresh_cookie_httponly_samesite_lax_on_the_auth_path(api, alice_client):
    response = login(api, "alice@example.com")

    cookie = response.cookies[COOKIE]
    assert cookie.value == response.json()["refresh"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/api/v1/auth/"
    assert cookie["max-age"] == 14 * 24 * 3600


@pytest.mark.parametrize("secure", [True, False])
def test_the_cookie_is_secure_exactly_when_the_setting_says_so(api, alice_client, secure):
    with override_settings(REFRESH_COOKIE_SECURE=secure):
        cookie = login(api, "alice@example.com").cookies[COOKIE]

    assert bool(cookie["secure"]) is secure


def test_the_cookie_alone_refreshes_and_is_replaced_by_the_rotated_token(api, alice_client):
    first = login(api, "alice@example.com").json()

    response = api.post("/api/v1/auth/refresh", {}, format="json")

    assert response.status_code == 200
    assert response.json()["refresh"] != first["refresh"]
    assert response.cookies[COOKIE].value == response.json()["refresh"]
    assert response.cookies[COOKIE]["httponly"] is True


def test_a_token_in_the_body_wins_over_the_cookie(api, alice_client, dave_client):
    login(api, "alice@example.com")
    dave_refresh = login(api.__class__(), "dave@example.com").json()["refresh"]

    response = api.post("/api/v1/auth/refresh", {"refresh": dave_refresh}, format="json")

    assert api.get("/api/v1/me", **bearer(response.json()["access"])).json()["email"] == "dave@example.com"


def test_logout_clears_the_cookie(api, alice_client):
    access = login(api, "alice@example.com").json()["access"]

    response = api.post("/api/v1/auth/logout", **bearer(access))

    assert response.status_code == 204
    assert response.cookies[COOKIE].value == ""
    assert response.cookies[COOKIE]["max-age"] == 0
    assert response.cookies[COOKIE]["path"] == "/api/v1/auth/"
