"""Two sign-ups with one address in different cases at the same moment: one account, and
the other request gets the same 400 field error as a sign-up that came later (real
threads against PostgreSQL)."""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from rest_framework.test import APIClient

from accounts.models import ClientProfile, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_sign_ups_with_one_address_create_one_account():
    barrier = threading.Barrier(2)
    answers = []

    def register(email: str):
        body = {"email": email, "password": PASSWORD, "full_name": "Ada Obi", "role": "client"}
        barrier.wait(timeout=10)
        try:
            answers.append(APIClient().post("/api/v1/auth/register", body, format="json"))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(email,)) for email in ("ada@example.com", "ADA@example.com")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answer.status_code for answer in answers) == [201, 400]
    refused = next(answer for answer in answers if answer.status_code == 400).json()["error"]
    assert refused["code"] == "email_taken" and "email" in refused["fields"]
    assert User.objects.filter(email__iexact="ada@example.com").count() == 1
    assert ClientProfile.objects.count() == 1
    assert EmailAddress.objects.count() == 1
