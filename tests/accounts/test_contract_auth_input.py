"""Forged and unusual input to the auth routes: every spelling of one email address is
one account, and a field the route does not take is refused by name, not ignored."""

import pytest
from django.conf import settings

from accounts.models import RefreshSession, User
from accounts.tokens import session_start
from tests.accounts.conftest import bearer, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register"


def register(api, email: str, **extra):
    body = {"email": email, "password": PASSWORD, "full_name": "Ada Obi", "role": "client", **extra}
    return api.post(REGISTER, body, format="json")


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("ada@ｅｘａｍｐｌｅ.com", "ada@example.com"),  # full-width letters, as a CJK keyboard types them
        ("ada@example.com\u200b", "ada@example.com"),  # a zero-width space pasted along
        ("ada@xn--ni-example-8db.com", "ada@üni-example.com"),  # the punycode of an IDN domain
        ("Ada@ÜNI-Example.com", "ada@üni-example.com"),
    ],
)
def test_an_address_is_saved_in_the_one_spelling_mail_is_sent_to(api, typed, stored):
    response = register(api, typed)

    assert response.status_code == 201
    assert response.json()["user"]["email"] == stored
    assert User.objects.get().email == stored


@pytest.mark.parametrize(
    "taken,again",
    [
        ("ada@example.com", "ada@ｅｘａｍｐｌｅ.com"),
        ("ada@example.com", "ada@example.com\u200b"),
        ("ada@üni-example.com", "ADA@xn--ni-example-8db.com"),
        ("ada@xn--ni-example-8db.com", "ada@Üni-example.com"),
    ],
)
def test_another_spelling_of_a_registered_address_is_taken(api, taken, again):
    assert register(api, taken).status_code == 201

    response = register(api, again)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "email_taken"
    assert User.objects.count() == 1


@pytest.mark.parametrize("typed", ["ada@ｅｘａｍｐｌｅ.com", " ADA@example.com\u200b ", "ada@EXAMPLE.com"])
def test_any_spelling_of_the_address_logs_in(api, typed):
    register(api, "ada@example.com")

    response = login(api, typed)

    assert response.status_code == 200
    assert api.get("/api/v1/me", **bearer(response.json()["access"])).json()["email"] == "ada@example.com"


def test_an_account_saved_before_addresses_had_one_spelling_still_logs_in_as_typed(api, alice_client):
    User.objects.filter(pk=alice_client.pk).update(email="alice@ｅｘａｍｐｌｅ.com")

    assert login(api, "alice@ｅｘａｍｐｌｅ.com").status_code == 200


@pytest.mark.parametrize(
    "path,body,field",
    [
        (REGISTER, {"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada", "role": "client",
                    "is_staff": True}, "is_staff"),
        (REGISTER, {"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada", "role": "client",
                    "time_zone": "Asia/Tokyo"}, "time_zone"),
        ("/api/v1/auth/login", {"email": "alice@example.com", "password": PASSWORD, "remember_me": True},
         "remember_me"),
        ("/api/v1/auth/google", {"access_token": "ya29.x", "role": "client", "id_token": "x"}, "id_token"),
    ],
)  # fmt: skip
def test_a_field_an_auth_route_does_not_take_is_refused_by_name(api, alice_client, path, body, field):
    response = api.post(path, body, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {field: ["Unknown field."]}
    assert User.objects.count() == 1
    assert not RefreshSession.objects.exists()
    assert settings.REFRESH_COOKIE_NAME not in response.cookies


def test_refresh_with_an_unknown_field_is_refused_and_the_token_keeps_working(api, alice_client):
    pair = session_start(user=alice_client)

    response = api.post("/api/v1/auth/refresh", {"refresh": pair.refresh, "grant_type": "refresh"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"grant_type": ["Unknown field."]}
    assert api.post("/api/v1/auth/refresh", {"refresh": pair.refresh}, format="json").status_code == 200


def test_logout_with_an_unknown_field_is_refused_and_ends_nothing(api, alice_client):
    pair = session_start(user=alice_client)

    response = api.post("/api/v1/auth/logout", {"refresh_token": pair.refresh}, format="json", **bearer(pair.access))

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"refresh_token": ["Unknown field."]}
    assert RefreshSession.objects.filter(pk=pair.session.pk).exists()


@pytest.mark.parametrize("typed,saved", [("asia/kathmandu", "Asia/Kathmandu"), ("Asia/Katmandu", "Asia/Kathmandu")])
def test_a_time_zone_given_at_sign_up_is_taken_in_any_case(api, typed, saved):
    response = register(api, "ada@example.com", timezone=typed)

    assert response.status_code == 201
    assert response.json()["user"]["timezone"] == saved
