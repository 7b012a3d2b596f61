"""The OpenAPI schema describes the answers integrators really get: real responses of the
core routes validated against /api/schema/ with a strict JSON Schema validator (what
generated clients and schema-conformance checkers do), and every status they answer
with is one the schema lists for that operation."""

import pytest
from jsonschema import Draft7Validator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def _as_json_schema(node):
    """OpenAPI 3.0's ``nullable`` in JSON Schema terms (the rest is the same)."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def conforms(openapi, response, method: str, path: str) -> None:
    """``response`` is one the schema lists for ``method path`` and has its shape."""
    answers = openapi["paths"][path][method]["responses"]
    assert str(response.status_code) in answers, f"{method} {path}: {response.status_code} not in {sorted(answers)}"
    schema = answers[str(response.status_code)]["content"]["application/json"]["schema"]
    document = {**_as_json_schema(schema), "components": _as_json_schema(openapi["components"])}
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in Draft7Validator(document).iter_errors(response.json())]
    assert not errors, f"{method} {path} {response.status_code}: {errors}"


def test_me_of_each_role_matches_exactly_one_branch_of_the_schema(openapi, api_as, alice_client, bob_expert):
    for user in (alice_client, bob_expert):
        conforms(openapi, api_as(user).get("/api/v1/me"), "get", "/api/v1/me")


def test_registration_of_an_expert_matches_the_schema(openapi):
    answer = APIClient().post(
        "/api/v1/auth/register",
        {"email": "new-expert@example.com", "password": "Str0ng-pass-word!", "full_name": "New", "role": "expert"},
        format="json",
    )
    conforms(openapi, answer, "post", "/api/v1/auth/register")


def test_availability_and_override_answers_are_all_in_the_schema(openapi, api_as, alice_client, bob_expert):
    expert, client = api_as(bob_expert), api_as(alice_client)
    week = [{"weekday": 0, "start": "09:00", "end": "12:00"}]
    conforms(openapi, expert.put("/api/v1/expert/availability", week, format="json"), "put", "/api/v1/expert/availability")
    # A bad item nests its field errors under the list's index: the Error schema says so.
    bad_week = [{"weekday": 9, "start": "09:00", "end": "08:00"}]
    bad = expert.put("/api/v1/expert/availability", bad_week, format="json")
    assert bad.status_code == 400
    conforms(openapi, bad, "put", "/api/v1/expert/availability")
    for method in ("get", "put"):
        answer = getattr(client, method)("/api/v1/expert/availability", [], format="json")
        conforms(openapi, answer, method, "/api/v1/expert/availability")
        conforms(openapi, getattr(APIClient(), method)("/api/v1/expert/availability"), method, "/api/v1/expert/availability")
    conforms(openapi, expert.post("/api/v1/expert/overrides", {"kind": "x"}, format="json"), "post", "/api/v1/expert/overrides")
    conforms(openapi, client.get("/api/v1/expert/overrides"), "get", "/api/v1/expert/overrides")
    conforms(openapi, expert.delete("/api/v1/expert/overrides/999999"), "delete", "/api/v1/expert/overrides/{override_id}")


def test_slot_answers_and_refusals_are_in_the_schema(openapi, bob_talk):
    path = "/api/v1/experts/{expert_id}/slots"
    anyone = APIClient()
    url = f"/api/v1/experts/{bob_talk.expert_id}/slots"
    conforms(openapi, anyone.get(url, {"area": bob_talk.pk, "tz": "Asia/Kathmandu"}), "get", path)
    conforms(openapi, anyone.get(url, {"area": bob_talk.pk, "tz": "Mars/Base"}), "get", path)
    conforms(openapi, anyone.get("/api/v1/experts/999999/slots", {"area": bob_talk.pk}), "get", path)


def test_a_paginated_list_lists_the_refusals_of_its_pagination(openapi, api_as, alice_client):
    client = api_as(alice_client)
    for path in ("/api/v1/payments", "/api/v1/bookings", "/api/v1/notifications", "/api/v1/experts"):
        conforms(openapi, client.get(path, {"page": "abc"}), "get", path)
        conforms(openapi, client.get(path, {"page": 999}), "get", path)
