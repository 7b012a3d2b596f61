"""GET/POST /api/v1/expert/overrides and DELETE /api/v1/expert/overrides/{id}."""

import datetime as dt

import pytest

from scheduling.models import DateOverride
from tests.scheduling.conftest import UTC

URL = "/api/v1/expert/overrides"
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def bob_api(api_as, bob_expert, frozen_now):
    frozen_now(NOW)
    return api_as(bob_expert)


def test_an_expert_adds_a_whole_day_off(bob_api):
    answer = bob_api.post(URL, {"date": "2026-06-10", "kind": "unavailable"}, format="json")
    assert answer.status_code == 201
    body = answer.json()
    assert body == {"id": body["id"], "date": "2026-06-10", "kind": "unavailable", "start": None, "end": None}


def test_an_expert_adds_extra_hours_until_midnight(bob_api):
    answer = bob_api.post(URL, {"date": "2026-06-13", "kind": "available", "start": "20:00", "end": "24:00"}, format="json")
    assert answer.status_code == 201
    assert (answer.json()["start"], answer.json()["end"]) == ("20:00", "24:00")


def test_the_list_holds_upcoming_overrides_soonest_first(bob_api):
    bob_api.post(URL, {"date": "2026-06-20", "kind": "unavailable"}, format="json")
    bob_api.post(URL, {"date": "2026-06-02", "kind": "unavailable", "start": "09:00", "end": "10:00"}, format="json")
    assert [item["date"] for item in bob_api.get(URL).json()] == ["2026-06-02", "2026-06-20"]


def test_past_overrides_leave_the_list(bob_api, frozen_now):
    bob_api.post(URL, {"date": "2026-06-02", "kind": "unavailable"}, format="json")
    frozen_now(NOW + dt.timedelta(days=3))
    assert bob_api.get(URL).json() == []


def test_a_date_in_the_past_of_the_expert_is_refused(bob_api):
    answer = bob_api.post(URL, {"date": "2026-05-31", "kind": "unavailable"}, format="json")
    assert answer.status_code == 400
    assert "date" in answer.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2026-06-10", "kind": "holiday"}, "kind"),
        ({"date": "10/06/2026", "kind": "unavailable"}, "date"),
        ({"kind": "unavailable"}, "date"),
        ({"date": "2026-06-10", "kind": "available"}, "start"),
        ({"date": "2026-06-10", "kind": "unavailable", "start": "09:00"}, "end"),
        ({"date": "2026-06-10", "kind": "unavailable", "end": "09:00"}, "start"),
        ({"date": "2026-06-10", "kind": "available", "start": "12:00", "end": "11:00"}, "end"),
        ({"date": "2026-06-10", "kind": "available", "start": "25:00", "end": "26:00"}, "start"),
        ({"date": "9999-12-31", "kind": "unavailable"}, "date"),
        ({"date": "2028-06-01", "kind": "unavailable"}, "date"),
    ],
)
def test_bad_overrides_are_field_errors(bob_api, body, field):
    answer = bob_api.post(URL, body, format="json")
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]
    assert not DateOverride.objects.exists()


def test_a_date_two_years_ahead_is_still_accepted(bob_api):
    assert bob_api.post(URL, {"date": "2028-05-31", "kind": "unavailable"}, format="json").status_code == 201


def test_the_same_change_twice_on_one_date_is_refused(bob_api):
    body = {"date": "2026-06-10", "kind": "unavailable", "start": "09:00", "end": "10:00"}
    assert bob_api.post(URL, body, format="json").status_code == 201
    again = bob_api.post(URL, body, format="json")
    assert again.status_code == 400
    assert "date" in again.json()["error"]["fields"]
    assert DateOverride.objects.count() == 1


def test_an_expert_deletes_their_override(bob_api):
    created = bob_api.post(URL, {"date": "2026-06-10", "kind": "unavailable"}, format="json").json()
    assert bob_api.delete(f"{URL}/{created['id']}").status_code == 204
    assert bob_api.get(URL).json() == []


def test_another_experts_override_is_not_found(bob_api, api_as, carol_expert):
    created = bob_api.post(URL, {"date": "2026-06-10", "kind": "unavailable"}, format="json").json()
    carol = api_as(carol_expert)
    assert carol.get(URL).json() == []
    assert carol.delete(f"{URL}/{created['id']}").status_code == 404
    assert DateOverride.objects.filter(pk=created["id"]).exists()


def test_clients_are_forbidden(api_as, alice_client):
    client = api_as(alice_client)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"date": "2026-06-10", "kind": "unavailable"}, format="json").status_code == 403
    assert client.delete(f"{URL}/1").status_code == 403


def test_anonymous_callers_must_authenticate(api):
    assert api.get(URL).status_code == 401
    assert api.post(URL, {}, format="json").status_code == 401
    assert api.delete(f"{URL}/1").status_code == 401


def test_times_with_seconds_or_a_one_digit_hour_are_read_as_hh_mm(bob_api):
    answer = bob_api.post(URL, {"date": "2026-06-13", "kind": "available", "start": "9:00", "end": "24:00:00"}, format="json")
    assert answer.status_code == 201
    assert (answer.json()["start"], answer.json()["end"]) == ("09:00", "24:00")
