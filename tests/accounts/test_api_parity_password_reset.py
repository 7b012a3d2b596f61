"""``POST /api/v1/auth/password-reset``: the API side of allauth's "Password reset" page,
through allauth's own form: the same mail, the same answer for unknown addresses."""

import re

import pytest
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/password-reset"
NEW_PASSWORD = "a-brand-new-long-passphrase"


def test_a_known_address_gets_the_pages_reset_link_which_works(api, client, alice_client):
    answer = api.post(URL, {"email": "Alice@Example.com"}, format="json")

    assert answer.status_code == 202
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    link = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    key_page = client.get(link, follow=True)
    done = client.post(key_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    alice_client.refresh_from_db()
    assert alice_client.check_password(NEW_PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_reset_link(api, alice_client):
    known = api.post(URL, {"email": "alice@example.com"}, format="json")
    unknown = api.post(URL, {"email": "nobody@example.com"}, format="json")

    assert (unknown.status_code, unknown.content) == (known.status_code, known.content)
    to_nobody = [message for message in mail.outbox if message.to == ["nobody@example.com"]]
    assert all("/accounts/password/reset/key/" not in message.body for message in to_nobody)
    alice_client.refresh_from_db()
    assert alice_client.check_password(PASSWORD)


@pytest.mark.parametrize("body", [{}, {"email": "not-an-address"}, {"email": "alice@example.com", "role": "client"}])
def test_a_bad_body_is_a_400_and_mails_nobody(api, alice_client, body):
    answer = api.post(URL, body, format="json")

    assert answer.status_code == 400 and answer.json()["error"]["fields"]
    assert mail.outbox == []


def test_a_stale_token_sent_along_does_not_turn_it_into_a_401(api, alice_client):
    answer = api.post(URL, {"email": "alice@example.com"}, format="json", HTTP_AUTHORIZATION="Bearer not.a.token")

    assert answer.status_code == 202 and len(mail.outbox) == 1
