"""Staff lock people out and let them back in through the services, never by editing the
``is_active`` field; a password staff set ends the user's API sessions."""

import pytest

from accounts.models import RefreshSession, User
from accounts.tokens import session_start
from tests.accounts.conftest import bearer
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-long-passphrase"


@pytest.fixture
def staff_client(client, db):
    ops = User.objects.create_superuser("ops@example.com", PASSWORD, full_name="Ops Person")
    client.force_login(ops)
    return client


def _change_form(user) -> dict:
    return {"email": user.email, "full_name": user.full_name, "is_staff": "", "is_superuser": ""}


def test_the_change_form_cannot_untick_active(staff_client, alice_client):
    pair = session_start(user=alice_client)

    response = staff_client.post(f"/admin/accounts/user/{alice_client.pk}/change/", _change_form(alice_client))

    assert response.status_code == 302
    alice_client.refresh_from_db()
    assert alice_client.is_active
    assert "is_active" not in staff_client.get(f"/admin/accounts/user/{alice_client.pk}/change/").context["adminform"].form.fields
    assert RefreshSession.objects.filter(pk=pair.session.pk).exists()


def test_reactivating_lets_the_user_sign_in_again_but_not_with_old_tokens(api, staff_client, alice_client, dave_client):
    pair = session_start(user=alice_client)
    staff_client.post("/admin/accounts/user/", {"action": "deactivate_users", "_selected_action": [alice_client.pk], "post": "yes"})

    response = staff_client.post(
        "/admin/accounts/user/", {"action": "reactivate_users", "_selected_action": [alice_client.pk, dave_client.pk]}, follow=True
    )

    assert "Reactivated 1 user." in response.content.decode()
    assert User.objects.get(pk=alice_client.pk).is_active
    assert api.get("/api/v1/me", **bearer(pair.access)).status_code == 401
    login = api.post("/api/v1/auth/login", {"email": "alice@example.com", "password": PASSWORD}, format="json")
    assert login.status_code == 200


def test_reactivating_is_for_staff_only(client, alice_client, dave_client):
    User.objects.filter(pk=dave_client.pk).update(is_active=False)
    client.force_login(alice_client)

    client.post("/admin/accounts/user/", {"action": "reactivate_users", "_selected_action": [dave_client.pk]})

    assert not User.objects.get(pk=dave_client.pk).is_active


def test_a_password_staff_set_ends_the_users_api_sessions(api, staff_client, alice_client, dave_client):
    alices, daves = session_start(user=alice_client), session_start(user=dave_client)

    response = staff_client.post(
        f"/admin/accounts/user/{alice_client.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    alice_client.refresh_from_db()
    assert alice_client.check_password(NEW_PASSWORD)
    assert api.get("/api/v1/me", **bearer(alices.access)).status_code == 401
    assert api.get("/api/v1/me", **bearer(daves.access)).status_code == 200
