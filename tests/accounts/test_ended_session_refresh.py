"""A refresh token of a session that has ended is refused, and that is all.

Only a rotated token (its session lives on under a newer one) means someone else holds
the newer token; a session ended on purpose (logged out, revoked from another device)
says nothing of the user's other devices, which stay signed in.
"""

import pytest

from accounts.models import RefreshSession
from accounts.tokens import session_start
from tests.accounts.conftest import bearer

pytestmark = pytest.mark.django_db


def _refresh(api, token: str):
    return api.post("/api/v1/auth/refresh", {"refresh": token}, format="json")


def test_the_app_of_a_revoked_device_refreshing_does_not_sign_out_the_other_devices(api, alice_client):
    phone, laptop = session_start(user=alice_client, user_agent="Phone"), session_start(user=alice_client)
    assert api.delete(f"/api/v1/auth/sessions/{phone.session.pk}", **bearer(laptop.access)).status_code == 204

    response = _refresh(api, phone.refresh)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_refresh_token"
    assert api.get("/api/v1/me", **bearer(laptop.access)).status_code == 200
    assert _refresh(api, laptop.refresh).status_code == 200


def test_a_refresh_token_kept_after_logging_out_does_not_sign_out_the_other_devices(api, alice_client):
    phone, laptop = session_start(user=alice_client), session_start(user=alice_client)
    api.post("/api/v1/auth/logout", {"refresh": phone.refresh}, format="json", **bearer(phone.access))

    assert _refresh(api, phone.refresh).status_code == 401

    assert RefreshSession.objects.filter(pk=laptop.session.pk).exists()
    assert api.get("/api/v1/me", **bearer(laptop.access)).status_code == 200


def test_a_rotated_token_still_signs_out_every_device(api, alice_client):
    phone, laptop = session_start(user=alice_client), session_start(user=alice_client)
    assert _refresh(api, phone.refresh).status_code == 200

    assert _refresh(api, phone.refresh).status_code == 401

    assert not RefreshSession.objects.filter(user=alice_client).exists()
    assert api.get("/api/v1/me", **bearer(laptop.access)).status_code == 401
