"""allauth's account mails speak for ProcusMeet, not the sites framework's unconfigured
"example.com" row."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_password_reset_mail_is_from_procusmeet(client, alice_client):
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})

    message = mail.outbox[-1]
    assert message.subject == "[ProcusMeet] Password Reset Email"
    assert message.body.startswith("Hello from ProcusMeet!")
    assert "Thank you for using ProcusMeet!" in message.body
    assert urlsplit(settings.SITE_URL).netloc in message.body
    assert "Hello from example.com" not in message.body


def test_the_sign_up_confirmation_names_procusmeet_too(client):
    body = {"full_name": "Ada Obi", "email": "ada@example.org", "password1": PASSWORD, "password2": PASSWORD, "role": "client"}
    client.post("/accounts/signup/", body)

    message = mail.outbox[-1]
    assert message.subject.startswith("[ProcusMeet] ")
    assert "example.com" not in message.body
