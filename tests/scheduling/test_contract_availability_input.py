"""Forged and mistyped input to the availability routes of SPEC §8 (``/expert/availability``,
``/expert/overrides``): each is a 400 naming its field, or a 403, never a silent
misreading or a 500; and the OpenAPI schema documents the bodies the routes take."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from accounts.models import Role, User
from scheduling.models import DateOverride, WeeklyRange
from scheduling.services import MAX_WEEKLY_RANGES
from tests.contract.conftest import error_of, field_errors

WEEK_URL = "/api/v1/expert/availability"
OVERRIDES_URL = "/api/v1/expert/overrides"
NINE_TO_TEN = {"weekday": 1, "start": "09:00", "end": "10:00"}
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def bob_api(api_as, bob_expert, frozen_now):
    frozen_now(NOW)
    return api_as(bob_expert)


def _range_errors(response) -> dict:
    return field_errors(response)["ranges"]["0"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        # Digits of other scripts: int() and \d read them, an integrator never means them.
        ("start", "0٩:00"),
        ("start", "1٠:00"),
        ("end", "1٠:30"),
        ("weekday", "٣"),
        ("weekday", "１"),
        ("weekday", "1_0"),
        # A weekday is a whole number, as every count in the API is.
        ("weekday", 1.0),
        ("weekday", "1.0"),
    ],
)
def test_a_range_with_a_lookalike_number_is_refused(bob_api, field, value):
    response = bob_api.put(WEEK_URL, [{**NINE_TO_TEN, field: value}], format="json")

    assert field in _range_errors(response)
    assert not WeeklyRange.objects.exists()


def test_a_weekday_in_form_digits_is_still_read(bob_api):
    assert bob_api.put(WEEK_URL, [{**NINE_TO_TEN, "weekday": "1"}], format="json").json() == [NINE_TO_TEN]


def test_an_unknown_field_in_a_range_is_named_not_ignored(bob_api):
    """``{"weekday": 1, ..., "timezone": "Europe/London"}`` must not silently store the
    hours in the expert's own zone."""
    response = bob_api.put(WEEK_URL, [NINE_TO_TEN, {**NINE_TO_TEN, "weekday": 2, "timezone": "UTC"}], format="json")

    assert field_errors(response)["ranges"]["1"] == {"timezone": ["Unknown field."]}
    assert not WeeklyRange.objects.exists()


def test_a_list_far_over_the_limit_is_refused_before_reading_its_items(bob_api, monkeypatch):
    from scheduling.api import serializers

    def never(*args, **kwargs):
        raise AssertionError("each item was validated")

    monkeypatch.setattr(serializers.WeeklyRangeIn, "run_validation", never)
    response = bob_api.put(WEEK_URL, [NINE_TO_TEN] * (MAX_WEEKLY_RANGES + 1), format="json")

    assert field_errors(response)["ranges"] == [f"At most {MAX_WEEKLY_RANGES}."]


@pytest.mark.parametrize(
    "date",
    [
        "2026-W25-1",  # an ISO week date: Monday of week 25, not what anyone types for a day
        "20260615",  # the basic form, without hyphens
        "2026-6-15",
        "２０２６-06-15",
    ],
)
def test_an_override_date_must_be_written_yyyy_mm_dd(bob_api, date):
    response = bob_api.post(OVERRIDES_URL, {"date": date, "kind": "unavailable"}, format="json")

    assert "YYYY-MM-DD" in field_errors(response)["date"][0]
    assert not DateOverride.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [("note", "Unknown field."), ("expert", "Unknown field."), ("id", "Unknown field.")],
)
def test_an_unknown_override_field_is_named_not_ignored(bob_api, field, message):
    body = {"date": "2026-06-15", "kind": "unavailable", field: 5}

    assert field_errors(bob_api.post(OVERRIDES_URL, body, format="json")) == {field: [message]}
    assert not DateOverride.objects.exists()


@pytest.fixture
def expert_without_profile(db):
    """An expert account made outside sign-up (e.g. in the admin), without a profile."""
    return User.objects.create(email="bare-expert@example.com", full_name="Bare Expert", role=Role.EXPERT)


def test_an_expert_account_without_a_profile_is_refused_not_a_crash(api_as, expert_without_profile):
    """The role gate (IsExpert) itself refuses it, as it refuses a client, on every
    expert-only route that reads the profile."""
    client = api_as(expert_without_profile)
    calls = [
        client.get(WEEK_URL),
        client.put(WEEK_URL, [NINE_TO_TEN], format="json"),
        client.get(OVERRIDES_URL),
        client.post(OVERRIDES_URL, {"date": "2030-01-01", "kind": "unavailable"}, format="json"),
        client.delete(f"{OVERRIDES_URL}/1"),
        client.get("/api/v1/expert/areas"),
        client.get("/api/v1/expert/calendars"),
        client.get("/api/v1/balance"),
        client.get("/api/v1/payouts"),
        client.put("/api/v1/bank-account", {"bank_code": "058", "account_number": "0123456789"}, format="json"),
    ]

    for response in calls:
        error_of(response, 403, "permission_denied")


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def test_the_schema_offers_only_json_for_the_weekly_list(openapi):
    """A form or multipart body is refused with a 400 (it cannot hold a list), so the
    schema must not offer those media types to generated clients."""
    body = openapi["paths"][WEEK_URL]["put"]["requestBody"]["content"]

    assert set(body) == {"application/json"}
    assert body["application/json"]["schema"]["type"] == "array"


def test_override_answers_are_in_the_schema_with_kind_as_its_enum(openapi, bob_api):
    from tests.contract.test_schema_matches_answers import conforms

    day_off = bob_api.post(OVERRIDES_URL, {"date": "2026-06-15", "kind": "unavailable"}, format="json")
    extra = bob_api.post(
        OVERRIDES_URL, {"date": "2026-06-16", "kind": "available", "start": "18:00", "end": "24:00"}, format="json"
    )
    for answer in (day_off, extra, bob_api.post(OVERRIDES_URL, {"date": "2026-06-15", "kind": "x"}, format="json")):
        conforms(openapi, answer, "post", OVERRIDES_URL)
    conforms(openapi, bob_api.get(OVERRIDES_URL), "get", OVERRIDES_URL)
    kind = openapi["components"]["schemas"]["OverrideOut"]["properties"]["kind"]
    assert openapi["components"]["schemas"][kind["$ref"].split("/")[-1]]["enum"] == ["available", "unavailable"]


def test_times_off_the_quarter_hour_grid_are_kept_as_given(bob_api):
    """Ranges may start and end at any minute; the slot engine puts starts on the
    15-minute grid inside them (tests/scheduling/test_slots_endpoint_oracle.py)."""
    week = [{"weekday": 2, "start": "09:07", "end": "10:52"}]

    assert bob_api.put(WEEK_URL, week, format="json").json() == week
    assert bob_api.get(WEEK_URL).json() == week


def test_a_whole_day_off_and_hours_on_the_same_date_are_both_kept(bob_api):
    """Time off wins in the slot engine; both stay listed so either can be removed."""
    off = bob_api.post(OVERRIDES_URL, {"date": "2026-06-15", "kind": "unavailable"}, format="json")
    extra = bob_api.post(
        OVERRIDES_URL, {"date": "2026-06-15", "kind": "available", "start": "18:00", "end": "20:00"}, format="json"
    )

    assert (off.status_code, extra.status_code) == (201, 201)
    assert {item["id"] for item in bob_api.get(OVERRIDES_URL).json()} == {off.json()["id"], extra.json()["id"]}
