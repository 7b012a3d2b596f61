import pytest
from django.conf import settings

from accounts.models import RefreshSession
from accounts.tokens import session_start
from tests.accounts.conftest import bearer, expired_access

pytestmark = pytest.mark.django_db


def test_logout_with_the_refresh_token_in_the_body_ends_that_session_only(api, alice_client):
    phone = session_start(user=alice_client, user_agent="Phone")
    laptop = session_start(user=alice_client, user_agent="Laptop")

    response = api.post("/api/v1/auth/logout", {"refresh": phone.refresh}, format="json", **bearer(laptop.access))

    assert response.status_code == 204
    assert list(RefreshSession.objects.filter(user=alice_client)) == [laptop.session]


def test_logout_without_a_refresh_token_ends_the_session_of_the_access_token(api, alice_client):
    phone = session_start(user=alice_client, user_agent="Phone")
    laptop = session_start(user=alice_client, user_agent="Laptop")

    response = api.post("/api/v1/auth/logout", **bearer(laptop.access))

    assert response.status_code == 204
    assert list(RefreshSession.objects.filter(user=alice_client)) == [phone.session]
    assert api.post("/api/v1/auth/refresh", {"refresh": laptop.refresh}, format="json").status_code == 401


def test_logout_cannot_end_another_users_session(api, alice_client, dave_client):
    dave = session_start(user=dave_client)
    alice = session_start(user=alice_client)

    response = api.post("/api/v1/auth/logout", {"refresh": dave.refresh}, format="json", **bearer(alice.access))

    assert response.status_code == 204
    assert RefreshSession.objects.filter(pk=dave.session.pk).exists()


def test_logout_all_ends_every_session_of_the_user_and_no_one_elses(api, alice_client, bob_expert):
    sessions = [session_start(user=alice_client) for _ in range(3)]
    bob = session_start(user=bob_expert)

    response = api.post("/api/v1/auth/logout-all", **bearer(sessions[0].access))

    assert response.status_code == 204
    assert not RefreshSession.objects.filter(user=alice_client).exists()
    assert RefreshSession.objects.filter(pk=bob.session.pk).exists()


@pytest.mark.parametrize("path", ["/api/v1/auth/logout", "/api/v1/auth/logout-all"])
def test_logging_out_needs_a_signed_in_user(api, alice_client, path):
    session_start(user=alice_client)

    response = api.post(path)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert RefreshSession.objects.filter(user=alice_client).exists()


@pytest.mark.parametrize("stale", ["not-a-token", "rotated", "another-users"])
def test_logout_with_a_refresh_token_that_names_none_of_the_users_sessions_still_signs_the_caller_out(
    api, alice_client, dave_client, stale
):
    alice = session_start(user=alice_client)
    other = session_start(user=alice_client, user_agent="Other device")
    access, refresh = alice.access, {"not-a-token": "not-a-token", "rotated": alice.refresh}.get(stale)
    if stale == "rotated":
        access = api.post("/api/v1/auth/refresh", {"refresh": alice.refresh}, format="json").json()["access"]
    if stale == "another-users":
        refresh = session_start(user=dave_client).refresh

    response = api.post("/api/v1/auth/logout", {"refresh": refresh}, format="json", **bearer(access))

    assert response.status_code == 204
    assert api.get("/api/v1/me", **bearer(access)).status_code == 401
    assert list(RefreshSession.objects.filter(user=alice_client)) == [other.session]
    assert RefreshSession.objects.filter(user=dave_client).count() == (stale == "another-users")


def test_logout_with_a_cookie_of_another_sign_in_ends_the_callers_session_too(api, alice_client):
    # Two sign-ins in one browser: the second login's cookie replaced the first one's.
    first = session_start(user=alice_client, user_agent="Tab one")
    second = session_start(user=alice_client, user_agent="Tab two")
    api.cookies[settings.REFRESH_COOKIE_NAME] = second.refresh

    response = api.post("/api/v1/auth/logout", **bearer(first.access))

    assert response.status_code == 204
    assert api.get("/api/v1/me", **bearer(first.access)).status_code == 401
    assert not RefreshSession.objects.filter(user=alice_client).exists()


@pytest.mark.parametrize("access_state", ["revoked", "expired", "missing"])
def test_logout_with_a_dead_access_token_still_ends_the_cookie_session_and_clears_the_cookie(
    api, alice_client, access_state
):
    browser = session_start(user=alice_client, user_agent="Browser")
    other = session_start(user=alice_client, user_agent="Other device")
    api.cookies[settings.REFRESH_COOKIE_NAME] = browser.refresh
    if access_state == "revoked":
        # The access token's own session is gone (revoked from another device, say).
        dead = session_start(user=alice_client, user_agent="Revoked")
        RefreshSession.objects.filter(pk=dead.session.pk).delete()
        headers = bearer(dead.access)
    else:
        headers = bearer(expired_access(alice_client, sid=browser.session.pk)) if access_state == "expired" else {}

    response = api.post("/api/v1/auth/logout", **headers)

    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"session_revoked", "token_not_valid", "not_authenticated"}
    cleared = response.cookies[settings.REFRESH_COOKIE_NAME]
    assert cleared.value == "" and cleared["max-age"] == 0 and cleared["path"] == settings.REFRESH_COOKIE_PATH
    assert list(RefreshSession.objects.filter(user=alice_client)) == [other.session]
    assert api.post("/api/v1/auth/refresh", {"refresh": browser.refresh}, format="json").status_code == 401


@pytest.mark.parametrize("cookie", ["garbage", "rotated"])
def test_unauthenticated_logout_with_a_stale_cookie_ends_nothing_and_does_not_trip_reuse_detection(
    api, alice_client, cookie
):
    alice = session_start(user=alice_client)
    if cookie == "rotated":
        stale = alice.refresh
        current = api.post("/api/v1/auth/refresh", {"refresh": alice.refresh}, format="json").json()["refresh"]
    else:
        stale, current = "not-a-token", alice.refresh
    api.cookies[settings.REFRESH_COOKIE_NAME] = stale

    response = api.post("/api/v1/auth/logout", **bearer("not-an-access-token"))

    assert response.status_code == 401
    assert response.cookies[settings.REFRESH_COOKIE_NAME].value == ""
    api.cookies.clear()
    assert api.post("/api/v1/auth/refresh", {"refresh": current}, format="json").status_code == 200
