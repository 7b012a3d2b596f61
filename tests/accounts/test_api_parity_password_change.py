"""``POST /api/v1/me/password``: the API side of allauth's "Change password" page, through
the same ``user_password_set``: every session ends, the owner is alerted, and the device
that changed it gets a new pair."""

import pytest
from django.conf import settings
from django.core import mail

from accounts.models import RefreshSession
from accounts.tokens import session_start
from notifications.models import Notification, NotificationKind
from tests.accounts.conftest import bearer
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/password"
NEW_PASSWORD = "a-brand-new-long-passphrase"


def _change(api, access: str, **body):
    return api.post(URL, body, format="json", **bearer(access))


def test_the_password_changes_every_session_ends_and_this_device_gets_a_new_pair(
    api, alice_client, django_capture_on_commit_callbacks
):
    this_device = session_start(user=alice_client, user_agent="phone")
    other_device = session_start(user=alice_client, user_agent="laptop")

    with django_capture_on_commit_callbacks(execute=True):
        answer = _change(api, this_device.access, current_password=PASSWORD, new_password=NEW_PASSWORD)

    assert answer.status_code == 200
    alice_client.refresh_from_db()
    assert alice_client.check_password(NEW_PASSWORD)
    assert not RefreshSession.objects.filter(pk__in=[this_device.session.pk, other_device.session.pk]).exists()
    assert api.get("/api/v1/me", **bearer(other_device.access)).status_code == 401
    assert api.get("/api/v1/me", **bearer(this_device.access)).status_code == 401
    assert api.get("/api/v1/me", **bearer(answer.json()["access"])).status_code == 200
    assert answer.cookies[settings.REFRESH_COOKIE_NAME].value == answer.json()["refresh"]
    alerts = Notification.objects.filter(user=alice_client, kind=NotificationKind.ACCOUNT_SECURITY)
    assert [alert.data["event"] for alert in alerts] == ["password_changed"]
    assert [message.subject for message in mail.outbox] == ["Your ProcusMeet password was changed"]


def test_a_wrong_current_password_changes_nothing(api, alice_client):
    pair = session_start(user=alice_client)

    answer = _change(api, pair.access, current_password="not-it", new_password=NEW_PASSWORD)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "wrong_password"
    assert "current_password" in answer.json()["error"]["fields"]
    alice_client.refresh_from_db()
    assert alice_client.check_password(PASSWORD)
    assert RefreshSession.objects.filter(pk=pair.session.pk).exists()


def test_a_weak_new_password_is_refused_like_on_the_page(api, alice_client):
    pair = session_start(user=alice_client)

    answer = _change(api, pair.access, current_password=PASSWORD, new_password="short")

    assert answer.status_code == 400 and answer.json()["error"]["fields"]["new_password"]
    alice_client.refresh_from_db()
    assert alice_client.check_password(PASSWORD)


def test_an_account_without_a_password_sets_one_on_the_web(api, alice_client):
    alice_client.set_unusable_password()
    alice_client.save(update_fields=["password"])
    pair = session_start(user=alice_client)

    answer = _change(api, pair.access, current_password="", new_password=NEW_PASSWORD)

    assert answer.status_code == 400 and "current_password" in answer.json()["error"]["fields"]
    alice_client.refresh_from_db()
    assert not alice_client.has_usable_password()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"current_password": PASSWORD},
        {"current_password": 1234, "new_password": NEW_PASSWORD},
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "password2": NEW_PASSWORD},
    ],
)
def test_missing_mistyped_or_unknown_fields_are_400(api, alice_client, body):
    pair = session_start(user=alice_client)

    answer = api.post(URL, body, format="json", **bearer(pair.access))

    assert answer.status_code == 400 and answer.json()["error"]["fields"]
    alice_client.refresh_from_db()
    assert alice_client.check_password(PASSWORD)


def test_an_expert_changes_their_own_password_too(api, bob_expert):
    pair = session_start(user=bob_expert)

    assert _change(api, pair.access, current_password=PASSWORD, new_password=NEW_PASSWORD).status_code == 200
    bob_expert.refresh_from_db()
    assert bob_expert.check_password(NEW_PASSWORD)


def test_without_a_token_it_is_401(api):
    assert api.post(URL, {"current_password": PASSWORD, "new_password": NEW_PASSWORD}, format="json").status_code == 401
