"""Every user has the profile of their role from the start (SPEC §1), including staff
made with ``manage.py createsuperuser`` and users made through the manager."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.errors import EmailTaken
from accounts.models import ClientProfile, ExpertProfile, Role, User
from tests.accounts.conftest import bearer, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def profiles_of(user) -> tuple[int, int]:
    return ClientProfile.objects.filter(user=user).count(), ExpertProfile.objects.filter(user=user).count()


def test_createsuperuser_gives_the_new_staff_member_a_client_profile(monkeypatch, api):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    monkeypatch.setenv("DJANGO_SUPERUSER_FULL_NAME", "Ops Person")

    call_command("createsuperuser", "--noinput", "--email", "Ops@Example.com", verbosity=0)

    user = User.objects.get(email="ops@example.com")
    assert user.is_staff and user.is_superuser and user.full_name == "Ops Person" and user.role == Role.CLIENT
    assert profiles_of(user) == (1, 0)
    assert EmailAddress.objects.filter(user=user, email="ops@example.com", primary=True).count() == 1
    access = login(api, "ops@example.com").json()["access"]
    assert api.get("/api/v1/me", **bearer(access)).json()["full_name"] == "Ops Person"


def test_the_manager_creates_the_profile_of_the_role_and_plain_users_are_not_staff():
    expert = User.objects.create_user("Eve@Example.com", PASSWORD, full_name="Eve Expert", role=Role.EXPERT)
    client = User.objects.create_user("carl@example.com", None)

    assert profiles_of(expert) == (0, 1) and expert.expert_profile.slug == "eve-expert"
    assert expert.email == "eve@example.com" and expert.check_password(PASSWORD)
    assert profiles_of(client) == (1, 0) and not client.has_usable_password()
    assert not (client.is_staff or client.is_superuser or expert.is_staff)


def test_the_manager_refuses_a_taken_email_without_a_second_user():
    User.objects.create_user("ops@example.com", PASSWORD)

    with pytest.raises(EmailTaken):
        User.objects.create_superuser("OPS@example.com", PASSWORD)

    assert User.objects.filter(email__iexact="ops@example.com").count() == 1


@pytest.mark.parametrize("role", [Role.CLIENT, Role.EXPERT])
def test_api_sign_up_still_creates_exactly_one_profile(api, role):
    body = {"email": "new@example.com", "password": PASSWORD, "full_name": "New Person", "role": role}

    assert api.post("/api/v1/auth/register", body, format="json").status_code == 201

    expected = (0, 1) if role == Role.EXPERT else (1, 0)
    assert profiles_of(User.objects.get(email="new@example.com")) == expected


@pytest.mark.parametrize("role", [Role.CLIENT, Role.EXPERT])
def test_web_sign_up_still_creates_exactly_one_profile(client, role):
    form = {"email": "web@example.com", "full_name": "Web Person", "role": role, "password1": PASSWORD, "password2": PASSWORD}

    assert client.post("/accounts/signup/", form).status_code == 302

    expected = (0, 1) if role == Role.EXPERT else (1, 0)
    assert profiles_of(User.objects.get(email="web@example.com")) == expected
