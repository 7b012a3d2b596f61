"""Mistyped input to ``/api/v1/expert/areas`` (SPEC §8) is named, not misread, and every
answer of the area routes and of the public profile has the shape the OpenAPI schema
gives it."""

import pytest
from rest_framework.test import APIClient

from accounts.models import ExpertArea
from accounts.storefront import services_areas
from tests.contract.conftest import error_of, field_errors
from tests.contract.test_schema_matches_answers import conforms
from tests.storefront.helpers import add_area

pytestmark = pytest.mark.django_db

URL = "/api/v1/expert/areas"
TALK = {"title": "Talk", "duration_minutes": 30, "price": 500_000}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("price", "١٥٠٠"),  # Arabic-Indic digits: int() reads them as 1500
        ("price", "１５００"),  # full-width digits
        ("price", "1_500"),  # a Python literal, not a number an integrator writes
        ("duration_minutes", "٣٠"),
    ],
)
def test_a_number_in_lookalike_digits_is_refused(api_as, bob_expert, field, value):
    client = api_as(bob_expert)

    assert field in field_errors(client.post(URL, {**TALK, field: value}, format="json"))
    area = add_area(bob_expert.expert_profile, price=700_000, duration_minutes=60)
    assert field in field_errors(client.patch(f"{URL}/{area.pk}", {field: value}, format="json"))
    area.refresh_from_db()
    assert (area.price, area.duration_minutes) == (700_000, 60)
    assert ExpertArea.objects.count() == 1


@pytest.mark.parametrize(("field", "value"), [("title", 15.0), ("title", 123), ("description", 10**30)])
def test_a_text_field_sent_as_a_number_is_refused(api_as, bob_expert, field, value):
    client = api_as(bob_expert)

    assert field_errors(client.post(URL, {**TALK, field: value}, format="json"))[field] == ["Not a valid string."]
    area = add_area(bob_expert.expert_profile)
    assert field in field_errors(client.patch(f"{URL}/{area.pk}", {field: value}, format="json"))
    assert ExpertArea.objects.count() == 1


def test_digits_in_a_form_body_are_still_a_number(api_as, bob_expert):
    response = api_as(bob_expert).post(URL, {**TALK, "price": "+2500", "duration_minutes": " 45 "})

    assert response.status_code == 201, response.json()
    assert (response.json()["price"], response.json()["duration_minutes"]) == (2500, 45)


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def test_every_area_answer_is_in_the_schema(openapi, api_as, bob_expert, carol_expert, alice_client, monkeypatch):
    client, detail = api_as(bob_expert), "/api/v1/expert/areas/{area_id}"

    created = client.post(URL, TALK, format="json")
    conforms(openapi, created, "post", URL)
    area_id = created.json()["id"]
    conforms(openapi, client.get(URL), "get", URL)
    conforms(openapi, client.post(URL, {**TALK, "price": "free"}, format="json"), "post", URL)
    conforms(openapi, client.patch(f"{URL}/{area_id}", {"price": 900_000}, format="json"), "patch", detail)
    conforms(openapi, client.patch(f"{URL}/{area_id}", {"owner": 1}, format="json"), "patch", detail)
    conforms(openapi, api_as(carol_expert).patch(f"{URL}/{area_id}", {"price": 1}, format="json"), "patch", detail)
    conforms(openapi, api_as(alice_client).get(URL), "get", URL)
    conforms(openapi, APIClient().post(URL, TALK, format="json"), "post", URL)

    monkeypatch.setattr(services_areas, "_area_has_bookings", lambda area: True)
    deactivated = client.delete(f"{URL}/{area_id}")
    assert deactivated.status_code == 200 and deactivated.json()["active"] is False
    conforms(openapi, deactivated, "delete", detail)
    monkeypatch.undo()
    deleted = client.delete(f"{URL}/{area_id}")
    assert deleted.status_code == 204 and not deleted.content
    assert "204" in openapi["paths"][detail]["delete"]["responses"]
    conforms(openapi, client.delete(f"{URL}/{area_id}"), "delete", detail)


def test_the_public_profile_answers_are_in_the_schema_and_hold_only_public_fields(openapi, bob_expert):
    profile = bob_expert.expert_profile
    add_area(profile, title="Open")
    services_areas.area_update(area=add_area(profile, title="Paused"), active=False)
    path = "/api/v1/experts/{expert_id}"

    answer = APIClient().get(f"/api/v1/experts/{profile.pk}")
    conforms(openapi, answer, "get", path)
    conforms(openapi, APIClient().get("/api/v1/experts/999999"), "get", path)
    body = answer.json()
    assert set(body) == set(openapi["components"]["schemas"]["PublicExpert"]["properties"])
    assert [area["title"] for area in body["areas"]] == ["Open"]
    assert "active" not in body["areas"][0]
    for private in ("email", "user", "min_notice_minutes", "daily_limit", "is_listed", "bookable_until"):
        assert private not in body


def test_a_signed_in_caller_or_a_bad_token_sees_the_same_public_profile(api_as, alice_client, bob_expert):
    url = f"/api/v1/experts/{bob_expert.expert_profile.pk}"
    forged = APIClient()
    forged.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")

    anonymous = APIClient().get(url).json()
    assert api_as(alice_client).get(url).json() == anonymous
    assert forged.get(url).json() == anonymous
    error_of(APIClient().post(url, {}, format="json"), 405)
