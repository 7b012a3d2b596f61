from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import RefreshSession
from accounts.tokens import session_start
from tests.accounts.conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/sessions"


def test_the_list_shows_unexpired_sessions_and_marks_the_current_one(api, alice_client, dave_client):
    phone = session_start(user=alice_client, user_agent="Phone", ip="198.51.100.7")
    laptop = session_start(user=alice_client, user_agent="Laptop", ip="2001:db8::1")
    gone = session_start(user=alice_client, user_agent="Old tablet")
    RefreshSession.objects.filter(pk=gone.session.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    session_start(user=dave_client)

    response = api.get(URL, **bearer(laptop.access))

    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert set(rows) == {phone.session.pk, laptop.session.pk}
    assert rows[laptop.session.pk]["current"] is True
    assert rows[phone.session.pk]["current"] is False
    assert (rows[phone.session.pk]["user_agent"], rows[phone.session.pk]["ip"]) == ("Phone", "198.51.100.7")
    assert set(rows[phone.session.pk]) == {
        "id",
        "user_agent",
        "ip",
        "created_at",
        "last_used_at",
        "expires_at",
        "current",
    }


def test_revoking_a_session_by_id_ends_it(api, alice_client):
    phone = session_start(user=alice_client, user_agent="Phone")
    laptop = session_start(user=alice_client, user_agent="Laptop")

    response = api.delete(f"{URL}/{phone.session.pk}", **bearer(laptop.access))

    assert response.status_code == 204
    assert not RefreshSession.objects.filter(pk=phone.session.pk).exists()
    assert api.post("/api/v1/auth/refresh", {"refresh": phone.refresh}, format="json").status_code == 401


def test_another_users_session_is_not_found_and_stays(api, alice_client, dave_client):
    dave = session_start(user=dave_client)
    alice = session_start(user=alice_client)

    response = api.delete(f"{URL}/{dave.session.pk}", **bearer(alice.access))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert RefreshSession.objects.filter(pk=dave.session.pk).exists()


def test_sessions_need_a_signed_in_user(api, alice_client):
    pair = session_start(user=alice_client)

    assert api.get(URL).status_code == 401
    assert api.delete(f"{URL}/{pair.session.pk}").status_code == 401
    assert RefreshSession.objects.filter(pk=pair.session.pk).exists()


@pytest.mark.parametrize("session_id", ["abc", "-1", "0", "1.5", "99999999999999999999"])
def test_an_id_that_names_no_session_is_a_404_in_the_error_shape(api, alice_client, session_id):
    own = session_start(user=alice_client)

    response = api.delete(f"{URL}/{session_id}", **bearer(own.access))

    assert response.status_code == 404
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert RefreshSession.objects.filter(pk=own.session.pk).exists()


def test_the_tokens_of_a_deleted_user_are_refused(api, alice_client):
    pair = session_start(user=alice_client)
    alice_client.delete()

    assert api.get(URL, **bearer(pair.access)).status_code == 401
    assert api.post("/api/v1/auth/refresh", {"refresh": pair.refresh}, format="json").status_code == 401
