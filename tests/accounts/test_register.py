import pytest
from django.conf import settings

from accounts.models import ClientProfile, ExpertProfile, RefreshSession, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/register"


def register(api, **overrides):
    body = {"email": "Ada.Obi@Example.com", "password": PASSWORD, "full_name": "Ada Obi", "role": "expert"}
    return api.post(URL, {**body, **overrides}, format="json", HTTP_USER_AGENT="Integrator/1.0")


def test_registering_creates_the_user_their_profile_and_a_session(api):
    response = register(api)

    assert response.status_code == 201
    body = response.json()
    user = User.objects.get(email="ada.obi@example.com")
    assert body["user"]["id"] == user.pk
    assert body["user"]["email"] == "ada.obi@example.com"
    assert body["user"]["role"] == "expert"
    assert body["user"]["slug"] == ExpertProfile.objects.get(user=user).slug
    assert user.check_password(PASSWORD)
    session = RefreshSession.objects.get(user=user)
    assert session.user_agent == "Integrator/1.0"
    assert response.cookies[settings.REFRESH_COOKIE_NAME].value == body["refresh"]
    me = api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.json()["email"] == "ada.obi@example.com"


def test_a_client_gets_a_client_profile(api):
    response = register(api, role="client")

    assert response.status_code == 201
    assert ClientProfile.objects.filter(user__email="ada.obi@example.com").exists()
    assert not ExpertProfile.objects.exists()
    assert "slug" not in response.json()["user"]


def test_an_email_registered_in_another_case_is_refused_with_a_field_error(api, alice_client):
    response = register(api, email="ALICE@example.com")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "email_taken"
    assert "email" in response.json()["error"]["fields"]
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1


def test_bad_input_answers_every_field_error_at_once(api):
    response = api.post(URL, {"email": "not-an-email", "full_name": "", "role": "admin"}, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"email", "password", "full_name", "role"}
    assert not User.objects.exists()


@pytest.mark.parametrize("password", ["short1", "12345678901", "password123", "ada.obi.example"])
def test_weak_passwords_are_refused_by_djangos_validators(api, password):
    response = register(api, password=password)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["password"]
    assert not User.objects.exists()


def test_a_staff_role_cannot_be_chosen(api):
    response = register(api, role="staff")

    assert response.status_code == 400
    assert "role" in response.json()["error"]["fields"]


@pytest.mark.parametrize("role", ["client", "expert"])
def test_a_time_zone_given_at_registration_is_the_profile_zone(api, role):
    response = register(api, role=role, timezone="Asia/Kathmandu")

    assert response.status_code == 201
    assert response.json()["user"]["timezone"] == "Asia/Kathmandu"


def test_without_a_time_zone_clients_read_utc_and_experts_lagos(api):
    assert register(api, role="client").json()["user"]["timezone"] == "UTC"
    assert register(api, role="expert", email="bola@example.com").json()["user"]["timezone"] == "Africa/Lagos"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "x" * 65])
def test_an_unknown_time_zone_is_a_field_error_and_nobody_is_registered(api, zone):
    response = register(api, timezone=zone)

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"timezone"}
    assert not User.objects.exists()
