import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings

from accounts.models import ClientProfile, ExpertProfile, RefreshSession, User
from accounts.tokens import session_start
from tests.accounts.conftest import bearer, login
from tests.fakes.livekit_twirp import closed_port_url

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/google"


def google(api, token: str, role: str | None = "expert"):
    body = {"access_token": token} | ({"role": role} if role else {})
    return api.post(URL, body, format="json")


def test_a_new_google_user_is_created_with_the_profile_of_their_role(api, fake_google):
    token = fake_google.grant("ya29.ada", sub="110248495921238986420", email="ada@gmail.com", name="Ada Obi")

    response = google(api, token, role="expert")

    assert response.status_code == 200  # login's answer, as SPEC §8 gives it (register alone is 201)
    user = User.objects.get(email="ada@gmail.com")
    assert (user.full_name, user.role, user.has_usable_password()) == ("Ada Obi", "expert", False)
    assert ExpertProfile.objects.filter(user=user).exists()
    assert SocialAccount.objects.get(provider="google", uid="110248495921238986420").user == user
    assert EmailAddress.objects.get(user=user).verified
    assert fake_google.authorizations == ["Bearer ya29.ada"]
    assert response.cookies[settings.REFRESH_COOKIE_NAME].value == response.json()["refresh"]
    assert api.get("/api/v1/me", **bearer(response.json()["access"])).json()["email"] == "ada@gmail.com"


def test_a_returning_google_user_is_found_by_their_google_id_even_after_an_email_change(api, fake_google):
    google(api, fake_google.grant("first", sub="42", email="ada@gmail.com", name="Ada"), role="client")
    later = fake_google.grant("later", sub="42", email="ada.obi@gmail.com", email_verified=False, name="Ada")

    response = google(api, later, role=None)

    assert response.status_code == 200
    assert User.objects.count() == 1
    assert ClientProfile.objects.count() == 1
    assert RefreshSession.objects.count() == 2


def test_an_existing_user_is_linked_by_verified_email(api, fake_google, alice_client):
    token = fake_google.grant("ya29.alice", sub="7", email="ALICE@example.com", name="Alice G")

    response = google(api, token, role="expert")

    assert response.status_code == 200
    assert SocialAccount.objects.get(uid="7").user == alice_client
    alice_client.refresh_from_db()
    assert alice_client.role == "client"
    assert not ExpertProfile.objects.exists()
    assert api.get("/api/v1/me", **bearer(response.json()["access"])).json()["id"] == alice_client.pk


def test_linking_to_an_unverified_account_locks_out_whoever_registered_it(api, fake_google, alice_client):
    squatter = session_start(user=alice_client)
    token = fake_google.grant("ya29.alice", sub="7", email="alice@example.com")

    google(api, token)

    alice_client.refresh_from_db()
    assert not alice_client.has_usable_password()
    assert not RefreshSession.objects.filter(pk=squatter.session.pk).exists()
    assert login(api, "alice@example.com").status_code == 401


def test_linking_to_a_verified_account_keeps_its_password(api, fake_google, alice_client):
    EmailAddress.objects.filter(user=alice_client, email="alice@example.com").update(verified=True)
    token = fake_google.grant("ya29.alice", sub="7", email="alice@example.com")

    assert google(api, token).status_code == 200

    assert login(api, "alice@example.com").status_code == 200


def test_an_unverified_google_email_is_refused(api, fake_google, alice_client):
    token = fake_google.grant("ya29.x", sub="9", email="alice@example.com", email_verified=False)

    response = google(api, token)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "google_email_unverified"
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 1


def test_a_token_without_the_email_scope_cannot_create_an_account(api, fake_google):
    fake_google.tokens["ya29.noemail"] = {"sub": "9"}

    response = google(api, "ya29.noemail")

    assert response.status_code == 400
    assert "email scope" in response.json()["error"]["message"]
    assert not User.objects.exists()


def test_a_token_google_rejects_is_a_401(api, fake_google):
    response = google(api, "ya29.revoked")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "google_token_invalid"
    assert fake_google.authorizations == ["Bearer ya29.revoked"]
    assert not User.objects.exists()


def test_a_new_account_needs_a_role(api, fake_google):
    token = fake_google.grant("ya29.ada", sub="1", email="ada@gmail.com")

    response = google(api, token, role=None)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["role"]
    assert not User.objects.exists()


def test_a_deactivated_user_cannot_sign_in_with_google(api, fake_google, alice_client):
    google(api, fake_google.grant("t1", sub="7", email="alice@example.com"))
    alice_client.is_active = False
    alice_client.save(update_fields=["is_active"])

    response = google(api, "t1")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_inactive"


def test_google_answering_5xx_is_a_503_with_a_clear_message(api, fake_google):
    fake_google.grant("ya29.ada", sub="1", email="ada@gmail.com")
    fake_google.failure_status = 503

    response = google(api, "ya29.ada")

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "google_unavailable"
    assert "Google sign-in is unavailable" in response.json()["error"]["message"]
    assert not User.objects.exists()


def test_google_unreachable_is_a_503(api, settings):
    settings.GOOGLE_USERINFO_URL = closed_port_url() + "/v1/userinfo"

    response = google(api, "ya29.ada")

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "google_unavailable"


def test_google_not_answering_in_time_is_a_503(api, fake_google, settings):
    settings.GOOGLE_TIMEOUT_SECONDS = 0.2
    fake_google.grant("ya29.ada", sub="1", email="ada@gmail.com")
    fake_google.hang()

    response = google(api, "ya29.ada")

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "google_unavailable"


def test_bad_input_is_a_400_with_field_errors(api):
    response = api.post(URL, {"role": "admin"}, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"access_token", "role"}


@pytest.mark.django_db
def test_a_token_with_characters_no_header_can_carry_is_a_field_error(api):
    response = api.post("/api/v1/auth/google", {"access_token": "ya29.\U000271e2", "role": "client"}, format="json")

    assert response.status_code == 400
    assert "access_token" in response.json()["error"]["fields"]


def test_answers_without_a_usable_subject_never_share_one_account(api, fake_google):
    fake_google.tokens["first"] = {"sub": None, "email": "first@gmail.com", "email_verified": True}
    fake_google.tokens["second"] = {"sub": None, "email": "second@gmail.com", "email_verified": True}

    responses = [google(api, "first"), google(api, "second")]

    assert [r.status_code for r in responses] == [503, 503]
    assert responses[0].json()["error"]["code"] == "google_unavailable"
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "x" * 500, "email": "long-sub@gmail.com"},
        {"sub": "9", "email": "a" * 300 + "@gmail.com"},
        {"sub": "9", "email": "nul\x00@gmail.com"},
    ],
    ids=["long-subject", "long-email", "nul-email"],
)
def test_claims_no_account_can_hold_are_a_503_not_a_server_error(api, fake_google, claims):
    fake_google.tokens["tok"] = {"email_verified": True, **claims}

    response = google(api, "tok")

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "google_unavailable"
    assert not User.objects.exists()


def test_a_name_with_nul_characters_still_creates_the_account(api, fake_google):
    fake_google.tokens["tok"] = {"sub": "9", "email": "ada@gmail.com", "email_verified": True, "name": "Ada\x00 Obi"}

    assert google(api, "tok").status_code == 200
    assert User.objects.get().full_name == "Ada Obi"
    assert SocialAccount.objects.get().extra_data["name"] == "Ada Obi"


def test_a_blank_google_name_falls_back_to_the_address(api, fake_google):
    fake_google.tokens["tok"] = {"sub": "9", "email": "ada.obi@gmail.com", "email_verified": True, "name": "   "}

    assert google(api, "tok").status_code == 200
    assert User.objects.get().full_name == "ada.obi"
