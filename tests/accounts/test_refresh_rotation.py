from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import RefreshSession
from accounts.tokens import session_start, token_hash
from tests.accounts.conftest import bearer, expired_refresh, login

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/refresh"


def refresh(api, token: str, **extra):
    return api.post(URL, {"refresh": token}, format="json", **extra)


def test_refreshing_rotates_the_pair_and_the_old_refresh_token_stops_working(api, alice_client):
    first = login(api, "alice@example.com").json()

    response = refresh(api, first["refresh"], HTTP_USER_AGENT="Phone/2")

    assert response.status_code == 200
    second = response.json()
    assert second["refresh"] != first["refresh"]
    assert second["access"] != first["access"]
    session = RefreshSession.objects.get(user=alice_client)
    assert session.token_hash == token_hash(second["refresh"])
    assert session.user_agent == "Phone/2"
    assert api.get("/api/v1/me", **bearer(second["access"])).status_code == 200
    assert refresh(api, second["refresh"]).status_code == 200


def test_only_the_hash_of_the_refresh_token_is_stored(api, alice_client):
    body = login(api, "alice@example.com").json()

    stored = RefreshSession.objects.values_list("token_hash", flat=True).get(user=alice_client)

    assert stored == token_hash(body["refresh"])
    assert body["refresh"] not in stored


def test_reusing_a_rotated_refresh_token_revokes_every_session_of_the_user(api, alice_client, bob_expert):
    stolen = session_start(user=alice_client).refresh
    rotated = refresh(api, stolen).json()["refresh"]
    session_start(user=alice_client, user_agent="Laptop")
    session_start(user=bob_expert)

    response = refresh(api, stolen)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_refresh_token"
    assert not RefreshSession.objects.filter(user=alice_client).exists()
    assert refresh(api, rotated).status_code == 401
    assert RefreshSession.objects.filter(user=bob_expert).count() == 1


def test_an_expired_refresh_token_is_refused_without_revoking_other_sessions(api, alice_client):
    live = session_start(user=alice_client)

    response = refresh(api, expired_refresh(alice_client, sid=live.session.pk))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_refresh_token"
    assert RefreshSession.objects.filter(pk=live.session.pk).exists()


def test_a_session_ended_on_the_server_cannot_be_refreshed(api, alice_client):
    pair = session_start(user=alice_client)
    RefreshSession.objects.filter(pk=pair.session.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = refresh(api, pair.refresh)

    assert response.status_code == 401
    assert not RefreshSession.objects.filter(pk=pair.session.pk).exists()


@pytest.mark.parametrize("garbage", ["not-a-jwt", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"])
def test_a_malformed_or_forged_refresh_token_is_a_401(api, garbage):
    response = refresh(api, garbage)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_refresh_token"


def test_an_access_token_cannot_be_used_as_a_refresh_token(api, alice_client):
    access = session_start(user=alice_client).access

    assert refresh(api, access).status_code == 401


def test_refresh_without_any_token_is_a_400_naming_the_field(api):
    response = api.post(URL, {}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()["error"]["fields"]


def test_a_deactivated_users_refresh_token_is_refused(api, alice_client):
    pair = session_start(user=alice_client)
    alice_client.is_active = False
    alice_client.save(update_fields=["is_active"])

    assert refresh(api, pair.refresh).status_code == 401
    assert not RefreshSession.objects.filter(user=alice_client).exists()
