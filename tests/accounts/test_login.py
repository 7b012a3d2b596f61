import pytest
from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import RefreshSession
from accounts.services import user_deactivate
from tests.accounts.conftest import bearer, login

pytestmark = pytest.mark.django_db


def test_logging_in_answers_a_token_pair_and_records_the_device(api, alice_client):
    response = login(api, "alice@example.com", HTTP_USER_AGENT="Firefox/130", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access", "refresh"}
    session = RefreshSession.objects.get(user=alice_client)
    assert (session.user_agent, session.ip) == ("Firefox/130", "203.0.113.9")
    assert api.get("/api/v1/me", **bearer(body["access"])).json()["id"] == alice_client.pk


def test_the_email_is_matched_whatever_its_case(api, alice_client):
    assert login(api, "ALICE@EXAMPLE.COM").status_code == 200
    assert login(api, " Alice@Example.com ").status_code == 200


def test_the_access_token_carries_user_id_email_and_role(api, bob_expert):
    claims = AccessToken(login(api, "bob@example.com").json()["access"])

    assert (claims["user_id"], claims["email"], claims["role"]) == (bob_expert.pk, "bob@example.com", "expert")


@pytest.mark.parametrize(
    "email,password",
    [("alice@example.com", "wrong-password-entirely"), ("nobody@example.com", "correct-horse-battery-staple")],
)
def test_wrong_password_and_unknown_email_get_the_same_answer(api, alice_client, email, password):
    response = login(api, email, password)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert response.json()["error"]["message"] == "Email or password is incorrect."
    assert settings.REFRESH_COOKIE_NAME not in response.cookies
    assert not RefreshSession.objects.exists()


def test_a_deactivated_user_cannot_log_in_and_is_not_told_why(api, alice_client):
    user_deactivate(user=alice_client)

    response = login(api, "alice@example.com")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_missing_fields_are_a_400_with_field_errors(api):
    response = api.post("/api/v1/auth/login", {"email": "alice@"}, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"email", "password"}


def test_a_stale_access_token_sent_along_does_not_block_logging_in(api, alice_client):
    response = login(api, "alice@example.com", HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == 200
