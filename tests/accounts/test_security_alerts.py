"""The owner hears at once, in the app and by email, when their account's security
changes: a stolen refresh token was caught, or the password was changed, reset, added
or removed. Exactly once per event, never for ordinary use, and never silenced by email
preferences. The email names what happened and where to go, and carries no secret."""

import re

import pytest
from django.core import mail

from accounts.services import user_create, user_logout_everywhere, user_password_set
from accounts.tokens import session_start
from notifications.models import EmailPreferences, Notification, NotificationKind
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-long-passphrase"
SITE = "https://procusmeet.example"
REFRESH_URL = "/api/v1/auth/refresh"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an action and its after-commit work (the emails), as production does."""

    def run(action):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def alerts(user):
    return list(Notification.objects.filter(user=user, kind=NotificationKind.ACCOUNT_SECURITY))


def refresh(api, token):
    return api.post(REFRESH_URL, {"refresh": token}, format="json")


def test_reusing_a_rotated_refresh_token_alerts_the_owner_once_in_the_app_and_by_email(api, alice_client, committed):
    stolen = session_start(user=alice_client).refresh
    rotated = committed(lambda: refresh(api, stolen)).json()["refresh"]
    assert alerts(alice_client) == [] and mail.outbox == []  # an ordinary refresh is no event

    assert committed(lambda: refresh(api, stolen)).status_code == 401
    emailed = [m.to for m in mail.outbox]
    # Replays after it, of either token, find nothing left to end: no new event.
    assert committed(lambda: refresh(api, stolen)).status_code == 401
    assert committed(lambda: refresh(api, rotated)).status_code == 401

    assert emailed == [["alice@example.com"]] and mail.outbox == []
    (alert,) = alerts(alice_client)
    assert alert.read_at is None and alert.url == "/account/" and alert.data == {"event": "sessions_reused"}
    assert alert.title == "We signed you out everywhere to protect your account"
    assert "signed you out on every device" in alert.body
    assert alert.emailed_at is not None


def test_a_replay_racing_the_first_one_does_not_alert_twice(api, alice_client, committed, monkeypatch):
    stolen = session_start(user=alice_client).refresh
    committed(lambda: refresh(api, stolen))
    committed(lambda: refresh(api, stolen))
    # A second replay that checked the session before the first one's revoke committed
    # still sees it "rotated past"; by the time it deletes, nothing is left.
    monkeypatch.setattr("accounts.tokens._session_rotated_past", lambda claims: True)

    assert committed(lambda: refresh(api, stolen)).status_code == 401

    assert len(alerts(alice_client)) == 1 and mail.outbox == []


def test_the_reuse_email_names_the_event_links_the_account_page_and_holds_no_token(api, alice_client, committed):
    stolen = session_start(user=alice_client).refresh
    rotated = committed(lambda: refresh(api, stolen)).json()["refresh"]

    committed(lambda: refresh(api, stolen))

    (message,) = mail.outbox
    (html, _mimetype), = message.alternatives
    assert message.to == ["alice@example.com"]
    assert message.subject == "We signed you out everywhere to protect your account"
    assert "\n" not in message.subject
    for part in (message.body, html):
        assert f"{SITE}/account/" in part and "Review your account" in part
        assert f"{SITE}/notifications/preferences/" in part
        assert "cannot be turned off" in part
        for secret in (stolen, rotated, PASSWORD):
            assert secret not in part


def test_an_ended_or_garbage_refresh_token_alerts_nobody(api, alice_client, committed):
    pair = session_start(user=alice_client)
    committed(lambda: user_logout_everywhere(user=alice_client))

    committed(lambda: refresh(api, pair.refresh))
    committed(lambda: refresh(api, "not-a-jwt"))

    assert alerts(alice_client) == [] and mail.outbox == []


def test_logging_out_everywhere_by_choice_raises_no_alert(alice_client, committed):
    session_start(user=alice_client)

    committed(lambda: user_logout_everywhere(user=alice_client))

    assert alerts(alice_client) == [] and mail.outbox == []


def test_resetting_a_forgotten_password_alerts_the_owner_with_a_link_to_reset_again(client, alice_client, committed):
    committed(lambda: client.post("/accounts/password/reset/", {"email": "alice@example.com"}))
    key_url = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    form_url = client.get(key_url, follow=True).redirect_chain[-1][0]

    done = committed(lambda: client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}))

    assert done.status_code == 302
    (alert,) = alerts(alice_client)
    assert alert.title == "Your ProcusMeet password was changed"
    assert alert.url == "/accounts/password/reset/" and alert.data == {"event": "password_changed"}
    assert "If not, reset your password now." in alert.body
    (message,) = mail.outbox
    (html, _mimetype), = message.alternatives
    assert message.subject == "Your ProcusMeet password was changed"
    for part in (message.body, html):
        assert f"{SITE}/accounts/password/reset/" in part and "Reset your password" in part
        assert NEW_PASSWORD not in part and "/accounts/password/reset/key/" not in part


def test_changing_the_password_alerts_once_and_a_refused_change_not_at_all(client, alice_client, committed):
    client.force_login(alice_client)
    refused = committed(
        lambda: client.post(
            "/accounts/password/change/", {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
    )
    assert refused.status_code == 200 and alerts(alice_client) == [] and mail.outbox == []

    committed(
        lambda: client.post(
            "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
    )

    assert [a.data["event"] for a in alerts(alice_client)] == ["password_changed"]
    assert [m.subject for m in mail.outbox] == ["Your ProcusMeet password was changed"]


def test_a_first_password_for_a_google_only_account_is_announced_as_added(committed):
    google_only = user_create(email="gina@example.com", full_name="Gina", role="client", password=None)

    committed(lambda: user_password_set(user=google_only, password=NEW_PASSWORD))

    (alert,) = alerts(google_only)
    assert alert.title == "A password was added to your ProcusMeet account"
    assert alert.data == {"event": "password_added"}
    assert [m.to for m in mail.outbox] == [["gina@example.com"]]


@pytest.mark.parametrize("usable", [True, False])
def test_a_password_staff_set_or_removed_alerts_the_user(client, alice_client, dave_client, committed, usable):
    from accounts.models import User

    client.force_login(User.objects.create_superuser("ops@example.com", PASSWORD, full_name="Ops Person"))
    form = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    if not usable:
        form = {"usable_password": "false", "unset-password": "1"}

    response = committed(lambda: client.post(f"/admin/accounts/user/{alice_client.pk}/password/", form))

    assert response.status_code == 302
    alice_client.refresh_from_db()
    assert alice_client.has_usable_password() is usable
    (alert,) = alerts(alice_client)
    assert alert.data == {"event": "password_changed" if usable else "password_removed"}
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    assert alerts(dave_client) == []


def test_a_security_alert_is_emailed_even_when_stored_preferences_mute_it(alice_client, committed):
    # The preferences service refuses to mute it; rows written before that rule (or by
    # hand) must not silence it either.
    EmailPreferences.objects.create(user=alice_client, muted_kinds=[NotificationKind.ACCOUNT_SECURITY])

    committed(lambda: user_password_set(user=alice_client, password=NEW_PASSWORD))

    assert len(alerts(alice_client)) == 1 and len(mail.outbox) == 1


def test_the_preferences_api_refuses_to_mute_security_alerts(api_as, alice_client, committed):
    response = api_as(alice_client).patch(
        "/api/v1/notifications/preferences", {"email": {NotificationKind.ACCOUNT_SECURITY: False}}, format="json"
    )

    assert response.status_code == 400
    assert NotificationKind.ACCOUNT_SECURITY in response.json()["error"]["fields"]
    committed(lambda: user_password_set(user=alice_client, password=NEW_PASSWORD))
    assert len(mail.outbox) == 1
