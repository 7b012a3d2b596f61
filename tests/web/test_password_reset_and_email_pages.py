import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.conftest import PASSWORD

NEW_PASSWORD = "a-brand-new-long-passphrase"


def _link_in_last_email(pattern: str) -> str:
    return re.search(pattern, mail.outbox[-1].body).group(0)


@pytest.mark.django_db
def test_a_password_reset_link_lets_the_person_choose_a_new_password(client, alice_client):
    response = client.post("/accounts/password/reset/", {"email": "Alice@Example.com"}, follow=True)
    assert "Check your email" in response.content.decode()

    form_page = client.get(_link_in_last_email(r"/accounts/password/reset/key/\S+/"), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )

    assert "Your password is changed" in done.content.decode()
    alice_client.refresh_from_db()
    assert alice_client.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_a_used_or_broken_reset_link_explains_what_to_do(client, alice_client):
    response = client.get("/accounts/password/reset/key/zz-not-a-key/", follow=True)

    assert "This link no longer works" in response.content.decode()
    assert alice_client.check_password(PASSWORD)


@pytest.mark.django_db
def test_the_emailed_link_confirms_the_address_after_one_click(client):
    client.post(
        "/accounts/signup/",
        {"full_name": "Ada Obi", "email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD, "role": "client"},
    )
    confirm_url = _link_in_last_email(r"/accounts/confirm-email/\S+/")

    page = client.get(confirm_url)
    assert "Please confirm that <strong>ada@example.com</strong>" in page.content.decode()
    client.post(confirm_url)

    assert EmailAddress.objects.get(email="ada@example.com").verified


@pytest.mark.django_db
def test_the_email_page_lists_addresses_with_their_state(client):
    client.post(
        "/accounts/signup/",
        {"full_name": "Ada Obi", "email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD, "role": "client"},
    )

    body = client.get("/accounts/email/").content.decode()

    assert "ada@example.com" in body and "Not confirmed" in body and "Primary" in body


@pytest.mark.django_db
def test_the_logout_page_asks_before_logging_out(client, alice_client):
    client.force_login(alice_client)

    assert "Are you sure you want to log out" in client.get("/accounts/logout/").content.decode()
    assert client.get("/account/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/account/").status_code == 302
