"""The web email-addresses page and API sign-ups agree on who owns which address.

The users table holds each login email once; allauth's page manages ``EmailAddress``
rows. These tests cover where the two met badly: an API sign-up had no row, and another
account's address could be added and then made primary (a server error).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import Role, User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PAGE = "/accounts/email/"


def _register(api, email: str):
    body = {"email": email, "password": PASSWORD, "full_name": "Ada Obi", "role": "client"}
    return api.post("/api/v1/auth/register", body, format="json")


def test_an_api_sign_up_records_its_login_address_as_the_primary_unconfirmed_one(api):
    assert _register(api, "Ada@Example.com").status_code == 201

    address = EmailAddress.objects.get(user__email="ada@example.com")
    assert (address.email, address.primary, address.verified) == ("ada@example.com", True, False)


def test_confirming_a_second_address_keeps_the_login_email_of_an_api_sign_up(api, client):
    _register(api, "ada@example.com")
    ada = User.objects.get(email="ada@example.com")
    client.force_login(ada)

    client.post(PAGE, {"email": "ada.work@example.com", "action_add": ""})
    confirmation_path = re.findall(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body)[-1]
    client.post(confirmation_path)

    ada.refresh_from_db()
    assert EmailAddress.objects.get(email="ada.work@example.com").verified
    assert ada.email == "ada@example.com"


def test_another_accounts_login_email_cannot_be_added(client, alice_client, dave_client):
    client.force_login(dave_client)

    response = client.post(PAGE, {"email": "ALICE@example.com", "action_add": ""})

    assert response.status_code == 200
    assert "already registered with this email" in response.content.decode()
    assert not EmailAddress.objects.filter(user=dave_client, email="alice@example.com").exists()


def test_another_accounts_confirmed_secondary_address_cannot_be_added(client, alice_client, dave_client):
    EmailAddress.objects.create(user=alice_client, email="alice.work@example.com", verified=True)
    client.force_login(dave_client)

    response = client.post(PAGE, {"email": "alice.work@example.com", "action_add": ""})

    assert "already registered with this email" in response.content.decode()
    assert not EmailAddress.objects.filter(user=dave_client, email="alice.work@example.com").exists()


def test_a_new_address_of_ones_own_can_still_be_added(client, dave_client):
    client.force_login(dave_client)

    response = client.post(PAGE, {"email": "dave.home@example.com", "action_add": ""})

    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=dave_client, email="dave.home@example.com", verified=False).exists()


def test_making_another_accounts_login_email_primary_is_a_message_not_a_server_error(
    client, password_hash, alice_client
):
    # Added before the form refused it, or taken by an API sign-up since it was added.
    squatter = make_user(password_hash, email="sam@example.com", full_name="Sam", role=Role.CLIENT)
    EmailAddress.objects.create(user=squatter, email="alice@example.com", verified=False)
    client.force_login(squatter)

    response = client.post(PAGE, {"email": "alice@example.com", "action_primary": ""}, follow=True)

    assert response.status_code == 200
    assert "another account" in response.content.decode()
    squatter.refresh_from_db()
    assert squatter.email == "sam@example.com"
    # The whole action rolled back: the login address is still the primary row.
    assert EmailAddress.objects.get(user=squatter, primary=True).email == "sam@example.com"


def test_making_a_free_address_primary_changes_the_login_email(client, dave_client):
    EmailAddress.objects.create(user=dave_client, email="dave.home@example.com", verified=False)
    client.force_login(dave_client)

    response = client.post(PAGE, {"email": "dave.home@example.com", "action_primary": ""})

    assert response.status_code == 302
    dave_client.refresh_from_db()
    assert dave_client.email == "dave.home@example.com"


def test_the_email_page_has_the_tight_auth_rate_limit(client, dave_client, settings):
    # Adding an address and re-sending a confirmation both mail whatever address is typed.
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_AUTH_RATE = "3/h"
    client.force_login(dave_client)
    for _ in range(3):
        assert client.post(PAGE, {"email": "x@example.com", "action_send": ""}).status_code != 429

    assert client.post(PAGE, {"email": "x@example.com", "action_send": ""}).status_code == 429

