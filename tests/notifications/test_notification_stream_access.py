"""The check an open notification stream runs at every heartbeat: one query, and False
once its user may no longer read it (the stream then ends; see test_notification_stream)."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from accounts.authentication import ActiveUserJWTAuthentication
from accounts.models import User
from accounts.services import user_deactivate
from accounts.tokens import session_end, session_start
from notifications.stream_access import session_still_allowed, token_still_allowed

pytestmark = pytest.mark.django_db


def web_session_key(user) -> str:
    browser = Client()
    browser.force_login(user)
    return browser.session.session_key


def web_session_allowed(user, session_key: str, django_assert_num_queries) -> bool:
    with django_assert_num_queries(1):
        return session_still_allowed(user_id=user.pk, session_key=session_key)


def access_token(user):
    pair = session_start(user=user, user_agent="pytest", ip="127.0.0.1")
    return pair.session, ActiveUserJWTAuthentication().get_validated_token(pair.access)


def token_allowed(token, django_assert_num_queries) -> bool:
    with django_assert_num_queries(1):
        return token_still_allowed(token)


def test_a_signed_in_web_session_is_still_allowed(alice_client, django_assert_num_queries):
    assert web_session_allowed(alice_client, web_session_key(alice_client), django_assert_num_queries) is True


def test_a_logged_out_web_session_is_not(alice_client, django_assert_num_queries):
    browser = Client()
    browser.force_login(alice_client)
    session_key = browser.session.session_key

    browser.logout()

    assert not Session.objects.filter(session_key=session_key).exists()
    assert web_session_allowed(alice_client, session_key, django_assert_num_queries) is False


def test_an_expired_web_session_is_not(alice_client, django_assert_num_queries):
    session_key = web_session_key(alice_client)
    Session.objects.filter(session_key=session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    assert web_session_allowed(alice_client, session_key, django_assert_num_queries) is False


def test_a_deactivated_users_web_session_is_not(alice_client, django_assert_num_queries):
    session_key = web_session_key(alice_client)

    user_deactivate(user=alice_client)

    assert Session.objects.filter(session_key=session_key).exists()  # only the user row says no
    assert web_session_allowed(alice_client, session_key, django_assert_num_queries) is False


def test_a_web_session_signed_out_by_a_password_change_is_not(alice_client, django_assert_num_queries):
    session_key = web_session_key(alice_client)

    alice_client.set_unusable_password()  # any new password changes the session hash
    alice_client.save(update_fields=["password"])

    assert web_session_allowed(alice_client, session_key, django_assert_num_queries) is False


def test_another_users_web_session_does_not_count(alice_client, bob_expert, django_assert_num_queries):
    assert web_session_allowed(alice_client, web_session_key(bob_expert), django_assert_num_queries) is False


def test_a_live_access_token_is_still_allowed_and_a_revoked_one_is_not(alice_client, django_assert_num_queries):
    session, token = access_token(alice_client)
    assert token_allowed(token, django_assert_num_queries) is True

    session_end(user=alice_client, session_id=session.pk)

    assert token_allowed(token, django_assert_num_queries) is False


def test_an_access_token_of_a_user_deactivated_in_the_admin_is_not(alice_client, django_assert_num_queries):
    _session, token = access_token(alice_client)

    # The admin's "active" box flips the flag alone; the API session row stays.
    User.objects.filter(pk=alice_client.pk).update(is_active=False)

    assert token_allowed(token, django_assert_num_queries) is False
