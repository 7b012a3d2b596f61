"""``page`` and ``page_size`` on every paginated endpoint: a value that is not a whole
number from 1 is a 400 naming the field (never a silent fallback to the default size), a
size above 100 is taken as 100, empty means absent."""

import pytest

from procusmeet.api.pagination import PagePagination
from tests.storefront.helpers import listed_expert

pytestmark = pytest.mark.django_db

BAD_SIZES = ["abc", "0", "-1", "1.5", "1e2", "²", "٣", " 5", "99999999999"]


@pytest.fixture
def endpoints(api, api_as, alice_client):
    """path → a client allowed to read it (public ones anonymous)."""
    expert = listed_expert("Ada Obi")
    return {
        "/api/v1/experts": api,
        f"/api/v1/experts/{expert.pk}/reviews": api,
        "/api/v1/bookings": api_as(alice_client),
        "/api/v1/payments": api_as(alice_client),
        "/api/v1/notifications": api_as(alice_client),
    }


def _fields(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    error = response.json()["error"]
    assert error["code"] == "invalid"
    return error["fields"]


@pytest.mark.parametrize("size", BAD_SIZES)
def test_a_page_size_that_is_not_a_whole_number_from_1_is_a_field_error_everywhere(endpoints, size):
    for path, client in endpoints.items():
        fields = _fields(client.get(path, {"page_size": size}))
        assert fields == {"page_size": ["Use a whole number from 1 (at most 100 are sent)."]}, path


def test_a_bad_page_and_a_bad_page_size_are_named_together(endpoints):
    for path, client in endpoints.items():
        assert set(_fields(client.get(path, {"page": "x", "page_size": "-5"}))) == {"page", "page_size"}, path


def test_sizes_from_1_are_taken_and_empty_values_mean_the_default(api):
    for n in range(3):
        listed_expert(f"Expert {n}")
    assert len(api.get("/api/v1/experts", {"page_size": "1"}).json()["results"]) == 1
    assert len(api.get("/api/v1/experts", {"page_size": "100"}).json()["results"]) == 3
    assert len(api.get("/api/v1/experts", {"page_size": "500"}).json()["results"]) == 3
    second = api.get("/api/v1/experts", {"page_size": "2", "page": "2"}).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert len(api.get("/api/v1/experts", {"page_size": "", "page": ""}).json()["results"]) == 3
    assert api.get("/api/v1/experts", {"page_size": "2", "page": "last"}).json()["previous"] is not None
    assert api.get("/api/v1/experts", {"page": "3", "page_size": "2"}).status_code == 404  # past the end


PAGINATED = [
    "/api/v1/experts",
    "/api/v1/experts/{expert_id}/reviews",
    "/api/v1/bookings",
    "/api/v1/payments",
    "/api/v1/payouts",
    "/api/v1/notifications",
    "/api/v1/calls/{call_id}/notes",
]


def test_the_schema_shows_every_paginated_list_as_a_page_with_its_size_range(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path in PAGINATED:
        operation = schema["paths"][path]["get"]
        parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
        assert parameters["page_size"]["minimum"] == 1, path
        assert "page" in parameters, path
        body = operation["responses"]["200"]["content"]["application/json"]["schema"]
        envelope = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
        assert {"count", "next", "previous", "results"} <= set(envelope["properties"]), path


def test_a_size_above_the_maximum_is_taken_as_the_maximum_and_next_pages_on(api, monkeypatch):
    monkeypatch.setattr(PagePagination, "max_page_size", 2)
    for n in range(3):
        listed_expert(f"Expert {n}")
    first = api.get("/api/v1/experts", {"page_size": "500"}).json()
    assert len(first["results"]) == 2 and first["count"] == 3
    assert "page_size=500" in first["next"] and "page=2" in first["next"]
