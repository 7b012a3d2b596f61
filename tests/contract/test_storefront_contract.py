"""The expert's storefront rows of SPEC §8: areas, weekly availability, overrides, the
public directory and profile, and slots (dates inclusive in the asked zone, default UTC)."""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.contract.conftest import each, error_of, field_errors

pytestmark = pytest.mark.django_db

AREA_FIELDS = {"id", "title", "description", "duration_minutes", "price", "currency", "active"}
TALK = {"title": "Talk", "duration_minutes": 30, "price": 500_000}


def test_areas_are_created_listed_changed_and_deleted(api_as, bob_expert):
    client = api_as(bob_expert)

    created = client.post("/api/v1/expert/areas", TALK, format="json")
    assert created.status_code == 201 and set(created.json()) == AREA_FIELDS
    area = created.json()
    assert (area["currency"], area["active"], area["description"]) == ("NGN", True, "")
    assert client.get("/api/v1/expert/areas").json() == [area]
    changed = client.patch(f"/api/v1/expert/areas/{area['id']}", {"price": 700_000}, format="json")
    assert changed.status_code == 200 and changed.json()["price"] == 700_000
    assert client.delete(f"/api/v1/expert/areas/{area['id']}").status_code == 204
    error_of(client.delete(f"/api/v1/expert/areas/{area['id']}"), 404)


BAD_AREAS = [
    ({"duration_minutes": 20}, "duration_minutes"),
    ({"duration_minutes": 0}, "duration_minutes"),
    ({"duration_minutes": 10**12}, "duration_minutes"),
    ({"price": 0}, "price"),
    ({"price": 10**20}, "price"),
    ({"price": 12.5}, "price"),
    ({"title": ""}, "title"),
    ({"title": None}, "title"),
    ({"active": "maybe"}, "active"),
]


def test_an_area_with_a_bad_field_is_refused_by_name(api_as, bob_expert):
    client = api_as(bob_expert)

    each(
        BAD_AREAS,
        lambda change, field: field_errors(client.post("/api/v1/expert/areas", {**TALK, **change}, format="json"))[
            field
        ],
    )
    assert client.get("/api/v1/expert/areas").json() == []


def test_another_experts_area_is_404(api_as, carol_expert, bob_talk):
    client = api_as(carol_expert)

    error_of(client.patch(f"/api/v1/expert/areas/{bob_talk.pk}", {"price": 1}, format="json"), 404)
    error_of(client.delete(f"/api/v1/expert/areas/{bob_talk.pk}"), 404)


def test_weekly_availability_is_replaced_by_a_bare_list(api_as, bob_expert):
    client = api_as(bob_expert)
    week = [{"weekday": 0, "start": "09:00", "end": "12:00"}, {"weekday": 6, "start": "13:30", "end": "24:00"}]

    assert client.put("/api/v1/expert/availability", week, format="json").json() == week
    assert client.get("/api/v1/expert/availability").json() == week
    assert client.put("/api/v1/expert/availability", [], format="json").json() == []


BAD_WEEKS = [
    [{"weekday": 7, "start": "09:00", "end": "17:00"}],
    [{"weekday": "Monday", "start": "09:00", "end": "17:00"}],
    [{"weekday": 0, "start": "9am", "end": "17:00"}],
    [{"weekday": 0, "start": "09:00", "end": "08:00"}],
    [{"weekday": 0, "start": "09:00"}],
    [{"weekday": 0, "start": "09:00", "end": "12:00"}, {"weekday": 0, "start": "11:00", "end": "13:00"}],
    [{"weekday": 0, "start": "09:00", "end": "10:00"}] * 500,
    {"weekday": 0, "start": "09:00", "end": "10:00"},
]


def test_a_bad_week_is_a_field_error_and_changes_nothing(api_as, bob_expert):
    client = api_as(bob_expert)
    week = [{"weekday": 2, "start": "09:00", "end": "17:00"}]
    client.put("/api/v1/expert/availability", week, format="json")

    each(
        [(bad,) for bad in BAD_WEEKS],
        lambda bad: field_errors(client.put("/api/v1/expert/availability", bad, format="json"))["ranges"],
    )
    assert client.get("/api/v1/expert/availability").json() == week


def test_overrides_whole_day_off_extra_hours_and_delete(api_as, bob_expert, carol_expert):
    client, day = api_as(bob_expert), str(timezone.now().date() + dt.timedelta(days=10))

    off = client.post("/api/v1/expert/overrides", {"date": day, "kind": "unavailable"}, format="json")
    extra = client.post(
        "/api/v1/expert/overrides", {"date": day, "kind": "available", "start": "18:00", "end": "20:00"}, format="json"
    )

    assert off.status_code == 201 and off.json() == {
        "id": off.json()["id"],
        "date": day,
        "kind": "unavailable",
        "start": None,
        "end": None,
    }
    assert extra.status_code == 201 and (extra.json()["start"], extra.json()["end"]) == ("18:00", "20:00")
    assert {item["id"] for item in client.get("/api/v1/expert/overrides").json()} == {
        off.json()["id"],
        extra.json()["id"],
    }
    error_of(api_as(carol_expert).delete(f"/api/v1/expert/overrides/{off.json()['id']}"), 404)
    assert client.delete(f"/api/v1/expert/overrides/{off.json()['id']}").status_code == 204
    error_of(client.delete(f"/api/v1/expert/overrides/{off.json()['id']}"), 404)


BAD_OVERRIDES = [
    ({"kind": "available"}, "start"),
    ({"kind": "unavailable", "start": "10:00"}, "end"),
    ({"kind": "maybe"}, "kind"),
    ({"kind": "unavailable", "date": "2026-02-30"}, "date"),
    ({"kind": "unavailable", "date": "2001-01-01"}, "date"),
    ({"kind": "available", "start": "20:00", "end": "18:00"}, "end"),
]


def test_a_bad_override_names_its_field(api_as, bob_expert):
    client, day = api_as(bob_expert), str(timezone.now().date() + dt.timedelta(days=10))

    each(
        BAD_OVERRIDES,
        lambda body, field: field_errors(client.post("/api/v1/expert/overrides", {"date": day, **body}, format="json"))[
            field
        ],
    )
    assert client.get("/api/v1/expert/overrides").json() == []


def test_the_directory_and_profile_carry_the_public_fields(bob_talk):
    listed = APIClient().get("/api/v1/experts").json()
    profile = APIClient().get(f"/api/v1/experts/{bob_talk.expert_id}").json()

    assert {"count", "next", "previous", "results"} <= set(listed)
    assert [item["id"] for item in listed["results"]] == [bob_talk.expert_id]
    assert {"id", "slug", "url", "display_name", "headline", "areas"} <= set(profile)
    assert profile == listed["results"][0]
    assert [area["id"] for area in profile["areas"]] == [bob_talk.pk]
    assert APIClient().get(urlsplit(profile["url"]).path).status_code == 200
    error_of(APIClient().get("/api/v1/experts/999999"), 404)


def slots(expert_id, **params):
    return APIClient().get(f"/api/v1/experts/{expert_id}/slots", params)


ZONES = ["UTC", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe", "Pacific/Kiritimati"]


def test_slots_cover_exactly_the_asked_dates_in_the_asked_zone(bob_talk):
    day = timezone.now().date() + dt.timedelta(days=3)

    def check(zone):
        body = slots(bob_talk.expert_id, area=bob_talk.pk, tz=zone, **{"from": day, "to": day}).json()
        starts = [dt.datetime.fromisoformat(text) for text in body["slots"]]
        assert body["timezone"] == zone
        assert len(starts) == 96  # open around the clock: every quarter hour of that local day
        assert {start.date() for start in starts} == {day}
        assert all(start.utcoffset() == start.astimezone(ZoneInfo(zone)).utcoffset() for start in starts)
        assert (starts[0].time(), starts[-1].time()) == (dt.time(0, 0), dt.time(23, 45))

    each([(zone,) for zone in ZONES], check)


def test_slots_default_to_utc(bob_talk):
    day = timezone.now().date() + dt.timedelta(days=3)

    body = slots(bob_talk.expert_id, area=bob_talk.pk, **{"from": day, "to": day}).json()

    assert body["timezone"] == "UTC"
    assert body["slots"][0] == f"{day}T00:00:00+00:00"


def test_slots_accept_62_days_and_no_more(bob_talk):
    day = timezone.now().date()

    assert (
        slots(bob_talk.expert_id, area=bob_talk.pk, **{"from": day, "to": day + dt.timedelta(days=61)}).status_code
        == 200
    )
    assert "to" in field_errors(
        slots(bob_talk.expert_id, area=bob_talk.pk, **{"from": day, "to": day + dt.timedelta(days=62)})
    )


def test_bad_slot_queries_name_their_field(bob_talk, carol_talk):
    day = timezone.now().date()
    cases = [
        ({}, "area"),
        ({"area": "abc"}, "area"),
        ({"area": bob_talk.pk, "tz": "Mars/Olympus"}, "tz"),
        ({"area": bob_talk.pk, "tz": "localtime"}, "tz"),
        ({"area": bob_talk.pk, "tz": "+05:45"}, "tz"),
        ({"area": bob_talk.pk, "from": "2026-13-01"}, "from"),
        ({"area": bob_talk.pk, "from": "2026-01-01T00:00:00Z"}, "from"),
        ({"area": bob_talk.pk, "from": "0001-01-01", "to": "0001-01-02"}, "from"),
        ({"area": bob_talk.pk, "from": day, "to": day - dt.timedelta(days=1)}, "to"),
    ]

    each(cases, lambda params, field: field_errors(slots(bob_talk.expert_id, **params))[field])
    error_of(slots(bob_talk.expert_id, area=carol_talk.pk), 404)
    error_of(slots(999_999, area=bob_talk.pk), 404)
