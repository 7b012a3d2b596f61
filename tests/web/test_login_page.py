from unittest import mock

import pytest
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


@pytest.fixture
def google_credentials(settings):
    settings.GOOGLE_LOGIN_ENABLED = True
    settings.SOCIALACCOUNT_PROVIDERS = {
        "google": {
            "SCOPE": ["profile", "email"],
            "APP": {"client_id": "test-client-id.apps.googleusercontent.com", "secret": "test-secret", "key": ""},
        }
    }


@pytest.mark.django_db
def test_login_page_without_google_credentials_never_looks_up_a_social_app(client, settings):
    settings.GOOGLE_LOGIN_ENABLED = False
    with (
        mock.patch.object(DefaultSocialAccountAdapter, "list_apps", side_effect=AssertionError("SocialApp looked up")),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get(LOGIN)

    assert response.status_code == 200
    assert "socialaccount_socialapp" not in " ".join(query["sql"] for query in queries.captured_queries)
    assert "Continue with Google" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", [LOGIN, "/accounts/signup/"])
def test_entrance_pages_show_the_google_button_when_credentials_are_set(client, google_credentials, path):
    response = client.get(path)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'action="/accounts/google/login/?process=login"' in body
    assert "with Google" in body


@pytest.mark.django_db
def test_logging_in_with_the_right_password_lands_a_client_on_their_bookings(client, alice_client):
    response = client.post(LOGIN, {"login": "ALICE@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).redirect_chain[-1][0] == "/bookings/"


@pytest.mark.django_db
def test_a_wrong_password_shows_a_form_error(client, alice_client):
    response = client.post(LOGIN, {"login": "alice@example.com", "password": "not-the-password"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("path", ["/accounts/google/login/", "/accounts/google/login/callback/?code=x&state=y"])
def test_without_google_credentials_the_google_routes_are_a_friendly_404(client, settings, method, path):
    # Not a redirect to Google with an empty client_id, which Google answers with its own error page.
    settings.GOOGLE_LOGIN_ENABLED = False

    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert "accounts.google.com" not in response.get("Location", "")
    assert "We could not find that page" in response.content.decode()


@pytest.mark.django_db
def test_with_google_credentials_continuing_goes_to_google(client, google_credentials):
    response = client.post("/accounts/google/login/?process=login")

    assert response.status_code == 302
    assert response["Location"].startswith("https://accounts.google.com/o/oauth2/v2/auth?client_id=test-client-id")


@pytest.mark.django_db
def test_the_remember_choice_is_worded_as_a_sentence(client):
    body = client.get(LOGIN).content.decode()

    assert "Keep me signed in on this device" in body and "Remember Me" not in body
