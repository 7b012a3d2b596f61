"""A new password ends every API session, as it ends every other browser session.

Resetting a forgotten password is what someone does when they think it leaked; a
refresh token taken along with it must not keep working for another two weeks.
"""

import re

import pytest
from django.core import mail

from accounts.models import RefreshSession
from accounts.tokens import session_start
from tests.accounts.conftest import bearer
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-long-passphrase"


def _api_session(user):
    return session_start(user=user, user_agent="thief", ip="203.0.113.9")


def _assert_api_session_ended(api, pair):
    assert not RefreshSession.objects.filter(pk=pair.session.pk).exists()
    assert api.get("/api/v1/me", **bearer(pair.access)).status_code == 401
    assert api.post("/api/v1/auth/refresh", {"refresh": pair.refresh}, format="json").status_code == 401


def test_resetting_a_forgotten_password_ends_every_api_session(api, client, alice_client):
    pair = _api_session(alice_client)
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    key_page = client.get(re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0), follow=True)

    done = client.post(key_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    alice_client.refresh_from_db()
    assert alice_client.check_password(NEW_PASSWORD)
    _assert_api_session_ended(api, pair)


def test_changing_the_password_ends_every_api_session_and_keeps_this_browser_signed_in(api, client, alice_client):
    pair = _api_session(alice_client)
    client.force_login(alice_client)

    response = client.post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    _assert_api_session_ended(api, pair)
    assert client.get("/account/").status_code == 200


def test_a_refused_password_change_leaves_api_sessions_alone(api, client, alice_client):
    pair = _api_session(alice_client)
    client.force_login(alice_client)

    response = client.post(
        "/accounts/password/change/", {"oldpassword": "wrong-password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 200
    assert api.get("/api/v1/me", **bearer(pair.access)).status_code == 200


def test_only_the_users_own_sessions_end(api, client, alice_client, dave_client):
    others = _api_session(dave_client)
    client.force_login(alice_client)

    client.post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert api.get("/api/v1/me", **bearer(others.access)).status_code == 200
