"""The web Google sign-in (allauth) reaching an account by its email address.

Someone may register a victim's address with a password, never confirm it, and wait.
When the real owner signs in with Google, allauth lets them in and wipes the password;
the squatter's API sessions must end too, as the API's Google sign-in ends them.
allauth's own login flow runs here from the point where its callback view has Google's
answer.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory

from accounts.tokens import session_start
from tests.accounts.conftest import bearer, login

pytestmark = pytest.mark.django_db


def _google_callback(email: str):
    request = RequestFactory().get("/accounts/google/login/callback/")
    SessionMiddleware(lambda request: None).process_request(request)
    MessageMiddleware(lambda request: None).process_request(request)
    request.user = AnonymousUser()
    with context.request_context(request):
        # What the callback view builds from Google's answer about the token it got.
        provider = get_adapter().get_provider(request, "google")
        userinfo = {"sub": "104857600", "email": email, "email_verified": True, "name": "Alice Owner"}
        sociallogin = provider.sociallogin_from_response(request, userinfo)
        sociallogin.state = {"process": "login"}
        return complete_social_login(request, sociallogin)


def test_signing_in_to_an_unconfirmed_account_ends_its_api_sessions(api, alice_client, dave_client):
    squatter, bystander = session_start(user=alice_client), session_start(user=dave_client)

    response = _google_callback("alice@example.com")

    assert response.status_code == 302
    assert SocialAccount.objects.get(uid="104857600").user == alice_client
    assert api.get("/api/v1/me", **bearer(squatter.access)).status_code == 401
    assert api.post("/api/v1/auth/refresh", {"refresh": squatter.refresh}, format="json").status_code == 401
    assert login(api, "alice@example.com").status_code == 401  # the password is gone as well
    assert api.get("/api/v1/me", **bearer(bystander.access)).status_code == 200


def test_signing_in_to_a_confirmed_account_keeps_its_api_sessions_and_password(api, alice_client):
    EmailAddress.objects.filter(user=alice_client).update(verified=True)
    own = session_start(user=alice_client)

    _google_callback("alice@example.com")

    assert SocialAccount.objects.get(uid="104857600").user == alice_client
    assert api.get("/api/v1/me", **bearer(own.access)).status_code == 200
    assert login(api, "alice@example.com").status_code == 200
