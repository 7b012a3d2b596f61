from unittest import mock

import pytest
from django.core import mail

from accounts.adapters import AccountAdapter
from accounts.models import ClientProfile, ExpertProfile, Role, User
from accounts.services import user_create
from tests.conftest import PASSWORD

SIGNUP = "/accounts/signup/"


def _sign_up(client, *, email="ada@example.com", role=Role.EXPERT, full_name="Ada Obi"):
    return client.post(
        SIGNUP,
        {"full_name": full_name, "email": email, "password1": PASSWORD, "password2": PASSWORD, "role": role},
    )


@pytest.mark.django_db
def test_signing_up_as_an_expert_creates_the_user_and_an_expert_profile(client):
    response = _sign_up(client, email="Ada@Example.com", role=Role.EXPERT)

    assert response.status_code == 302
    user = User.objects.get(email="ada@example.com")
    assert (user.full_name, user.role) == ("Ada Obi", Role.EXPERT)
    assert ExpertProfile.objects.filter(user=user).exists()
    assert not ClientProfile.objects.filter(user=user).exists()
    assert client.get("/account/").status_code == 200


@pytest.mark.django_db
def test_signing_up_as_a_client_creates_a_client_profile(client):
    _sign_up(client, email="chi@example.com", role=Role.CLIENT, full_name="Chi Client")

    user = User.objects.get(email="chi@example.com")
    assert user.role == Role.CLIENT
    assert ClientProfile.objects.filter(user=user).exists()
    assert not ExpertProfile.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_signing_up_sends_a_verification_email(client):
    _sign_up(client)

    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


@pytest.mark.django_db
def test_the_same_email_in_another_case_is_refused(client, alice_client):
    response = _sign_up(client, email="ALICE@example.COM", role=Role.CLIENT)

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1


@pytest.mark.django_db
def test_missing_name_and_role_are_shown_next_to_their_fields(client):
    response = client.post(SIGNUP, {"email": "x@example.com", "password1": PASSWORD, "password2": PASSWORD})

    form = response.context["form"]
    assert set(form.errors) >= {"full_name", "role"}
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.filter(email="x@example.com").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "checked"), [("?role=expert", "expert"), ("", "client"), ("?role=admin", "client")])
def test_the_role_link_preselects_a_valid_role_only(client, query, checked):
    response = client.get(SIGNUP + query)

    assert response.context["form"]["role"].value() == checked


@pytest.mark.django_db
def test_a_sign_up_that_loses_a_race_for_its_email_is_a_form_error_not_a_500(client):
    # A double-click on "Create account": the first request creates the account after the
    # second one's form checked the address was free.
    original = AccountAdapter.new_user

    def new_user_after_the_winner(adapter, request):
        user_create(email="ADA@example.com", full_name="Ada First", role=Role.CLIENT, password=PASSWORD)
        return original(adapter, request)

    with mock.patch.object(AccountAdapter, "new_user", autospec=True, side_effect=new_user_after_the_winner):
        response = _sign_up(client, email="ada@example.com")

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["A user is already registered with this email address."]
    assert 'aria-invalid="true"' in response.content.decode()
    assert User.objects.get(email="ada@example.com").full_name == "Ada First"
    assert not ExpertProfile.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CLIENT, Role.EXPERT])
def test_the_browser_zone_sent_with_the_form_becomes_the_profile_zone(client, role):
    client.post(
        SIGNUP,
        {"full_name": "Kiri Tane", "email": "kiri@example.com", "password1": PASSWORD, "password2": PASSWORD,
         "role": role, "timezone": "pacific/auckland"},
    )

    user = User.objects.get(email="kiri@example.com")
    profile = user.expert_profile if role == Role.EXPERT else user.client_profile
    assert profile.timezone == "Pacific/Auckland"


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["", "Mars/Olympus_Mons", "../../etc/passwd"])
def test_no_or_an_unknown_browser_zone_keeps_the_default(client, sent):
    client.post(
        SIGNUP,
        {"full_name": "Chi Client", "email": "chi@example.com", "password1": PASSWORD, "password2": PASSWORD,
         "role": Role.CLIENT, "timezone": sent},
    )

    assert User.objects.get(email="chi@example.com").client_profile.timezone == "UTC"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelling",
    ["alice@ex\u200bample.com", "alice@ｅｘａｍｐｌｅ.com", "Alice@EXAMPLE.com"],
    ids=["zero-width space", "full-width domain", "capitals"],
)
def test_another_spelling_of_a_taken_address_is_refused(client, alice_client, spelling):
    """Mail to each of these goes to alice@example.com, so each is her address."""
    response = _sign_up(client, email=spelling, role=Role.CLIENT)

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_new_address_is_saved_in_the_spelling_mail_goes_to(client):
    assert _sign_up(client, email="Chi@ｅｘａｍｐｌｅ.com", role=Role.CLIENT).status_code == 302

    assert User.objects.get().email == "chi@example.com"
