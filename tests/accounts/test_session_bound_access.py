"""Access tokens are bound to their API session: ending the session ends the access token
at once, not when it expires 15 minutes later."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIRequestFactory
from rest_framework_simplejwt.tokens import AccessToken

from accounts.authentication import ActiveUserJWTAuthentication
from accounts.models import RefreshSession
from accounts.services import user_deactivate
from accounts.tokens import session_start
from tests.accounts.conftest import bearer

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def me_status(api, access: str) -> int:
    return api.get(ME, **bearer(access)).status_code


def assert_session_revoked(api, access: str) -> None:
    response = api.get(ME, **bearer(access))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {
        "error": {
            "code": "session_revoked",
            "message": "This session has been signed out. Please sign in again.",
            "fields": {},
        }
    }


def signed(user_id, **claims) -> str:
    """An access token signed with the real key, carrying whatever claims a test wants."""
    token = AccessToken()
    token["user_id"] = user_id
    for name, value in claims.items():
        token[name] = value
    return str(token)


def test_logout_ends_the_access_token_of_that_session_only(api, alice_client):
    phone = session_start(user=alice_client, user_agent="Phone")
    laptop = session_start(user=alice_client, user_agent="Laptop")

    assert api.post("/api/v1/auth/logout", **bearer(laptop.access)).status_code == 204

    assert_session_revoked(api, laptop.access)
    assert me_status(api, phone.access) == 200


def test_logout_naming_another_device_by_its_refresh_token_ends_that_devices_access(api, alice_client):
    phone = session_start(user=alice_client, user_agent="Phone")
    laptop = session_start(user=alice_client, user_agent="Laptop")

    api.post("/api/v1/auth/logout", {"refresh": phone.refresh}, format="json", **bearer(laptop.access))

    assert_session_revoked(api, phone.access)
    assert me_status(api, laptop.access) == 200


def test_logout_everywhere_ends_every_access_token_of_the_user_and_no_one_elses(api, alice_client, bob_expert):
    sessions = [session_start(user=alice_client) for _ in range(3)]
    bob = session_start(user=bob_expert)

    assert api.post("/api/v1/auth/logout-all", **bearer(sessions[0].access)).status_code == 204

    for pair in sessions:
        assert_session_revoked(api, pair.access)
    assert me_status(api, bob.access) == 200


def test_revoking_a_session_through_the_api_ends_its_access_token(api, alice_client):
    phone = session_start(user=alice_client, user_agent="Phone")
    laptop = session_start(user=alice_client, user_agent="Laptop")

    assert api.delete(f"/api/v1/auth/sessions/{phone.session.pk}", **bearer(laptop.access)).status_code == 204

    assert_session_revoked(api, phone.access)
    assert me_status(api, laptop.access) == 200


def test_revoking_the_current_session_through_the_api_ends_the_token_that_asked(api, alice_client):
    pair = session_start(user=alice_client)

    assert api.delete(f"/api/v1/auth/sessions/{pair.session.pk}", **bearer(pair.access)).status_code == 204

    assert_session_revoked(api, pair.access)


def test_revoking_a_session_on_the_account_page_ends_its_access_token(api, client, alice_client):
    doomed = session_start(user=alice_client, user_agent="Phone")
    kept = session_start(user=alice_client, user_agent="Laptop")
    client.force_login(alice_client)

    assert client.post(f"/account/sessions/{doomed.session.pk}/revoke/").status_code == 302

    assert_session_revoked(api, doomed.access)
    assert me_status(api, kept.access) == 200


def test_logging_out_everywhere_on_the_account_page_ends_every_access_token(api, client, alice_client):
    pairs = [session_start(user=alice_client) for _ in range(2)]
    client.force_login(alice_client)

    client.post("/account/sessions/revoke-all/")

    for pair in pairs:
        assert_session_revoked(api, pair.access)


def test_reuse_of_a_rotated_refresh_token_ends_every_access_token_including_the_thiefs(api, alice_client):
    victim = session_start(user=alice_client, user_agent="Phone")
    other_device = session_start(user=alice_client, user_agent="Laptop")
    thief = api.post("/api/v1/auth/refresh", {"refresh": victim.refresh}, format="json").json()
    assert me_status(api, thief["access"]) == 200

    reuse = api.post("/api/v1/auth/refresh", {"refresh": victim.refresh}, format="json")

    assert reuse.status_code == 401
    for access in (victim.access, thief["access"], other_device.access):
        assert_session_revoked(api, access)


def test_a_deactivated_user_stays_locked_out_of_old_tokens_after_reactivation(api, alice_client):
    pair = session_start(user=alice_client)
    user_deactivate(user=alice_client)
    assert api.get(ME, **bearer(pair.access)).json()["error"]["code"] == "user_inactive"

    alice_client.refresh_from_db()
    alice_client.is_active = True
    alice_client.save(update_fields=["is_active"])

    # Deactivation revoked the sessions, so turning the account back on does not revive them.
    assert_session_revoked(api, pair.access)


def test_a_session_past_its_expiry_ends_its_access_token_even_before_cleanup(api, alice_client):
    pair = session_start(user=alice_client)
    RefreshSession.objects.filter(pk=pair.session.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert_session_revoked(api, pair.access)


def test_rotation_keeps_the_session_so_new_and_old_access_tokens_work_until_it_ends(api, alice_client):
    first = session_start(user=alice_client)
    second = api.post("/api/v1/auth/refresh", {"refresh": first.refresh}, format="json").json()

    # The same sign-in: the earlier access token lives on until its own expiry.
    assert me_status(api, second["access"]) == 200
    assert me_status(api, first.access) == 200
    assert AccessToken(second["access"])["sid"] == AccessToken(first.access)["sid"] == first.session.pk

    api.post("/api/v1/auth/logout", **bearer(second["access"]))

    assert_session_revoked(api, second["access"])
    assert_session_revoked(api, first.access)


def test_a_correctly_signed_token_naming_another_users_session_is_refused(api, alice_client, dave_client):
    dave = session_start(user=dave_client)
    session_start(user=alice_client)

    forged = signed(alice_client.pk, email=alice_client.email, role=alice_client.role, sid=dave.session.pk)

    assert_session_revoked(api, forged)


def test_another_users_session_id_with_a_forged_signature_is_refused(api, alice_client, dave_client):
    dave = session_start(user=dave_client)
    token = signed(alice_client.pk, sid=dave.session.pk)
    forged = token.rsplit(".", 1)[0] + ".Zm9yZ2VkLXNpZ25hdHVyZQ"

    response = api.get(ME, **bearer(forged))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


@pytest.mark.parametrize("sid", [None, "1", True, 0, -1, 1.5, [1]], ids=repr)
def test_a_token_without_a_usable_session_claim_is_refused(api, alice_client, sid):
    # Covers tokens minted before the session binding: they carry no session, so they
    # could never be revoked, and are refused (they would expire within minutes anyway).
    session_start(user=alice_client)  # a live session exists, so only the claim can fail
    claims = {"email": alice_client.email, "role": alice_client.role}
    if sid is not None:
        claims["sid"] = sid
    token = signed(alice_client.pk, **claims)

    response = api.get(ME, **bearer(token))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_the_session_check_rides_in_the_single_user_query(alice_client):
    pair = session_start(user=alice_client)
    request = APIRequestFactory().get(ME, HTTP_AUTHORIZATION=f"Bearer {pair.access}")

    with CaptureQueriesContext(connection) as queries:
        user, token = ActiveUserJWTAuthentication().authenticate(request)

    assert user == alice_client and token["sid"] == pair.session.pk
    assert len(queries) == 1
    assert '"accounts_refreshsession"' in queries[0]["sql"]


def test_an_authenticated_request_costs_one_query_for_authentication(api, alice_client, django_assert_num_queries):
    pair = session_start(user=alice_client)

    # /me: one query authenticates (user + live session), one reads the user with profile.
    with django_assert_num_queries(2):
        assert me_status(api, pair.access) == 200
