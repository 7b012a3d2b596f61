"""GET/PUT /api/v1/expert/availability: the expert's weekly hours, replaced as a whole."""

import pytest

from scheduling.models import WeeklyRange

URL = "/api/v1/expert/availability"
WEEK = [
    {"weekday": 0, "start": "09:00", "end": "12:00"},
    {"weekday": 0, "start": "13:00", "end": "17:00"},
    {"weekday": 4, "start": "18:00", "end": "24:00"},
]


@pytest.fixture
def bob_api(api_as, bob_expert):
    return api_as(bob_expert)


def test_an_expert_replaces_and_reads_back_their_weekly_hours(bob_api):
    assert bob_api.put(URL, WEEK, format="json").json() == WEEK
    assert bob_api.get(URL).json() == WEEK


def test_a_put_replaces_the_whole_set(bob_api, bob_profile):
    bob_api.put(URL, WEEK, format="json")
    answer = bob_api.put(URL, [{"weekday": 2, "start": "10:00", "end": "11:30"}], format="json")
    assert answer.status_code == 200
    assert list(WeeklyRange.objects.filter(expert=bob_profile).values_list("weekday", "start_minute", "end_minute")) == [
        (2, 600, 690)
    ]


def test_an_empty_list_clears_the_week(bob_api, bob_profile):
    bob_api.put(URL, WEEK, format="json")
    assert bob_api.put(URL, [], format="json").json() == []
    assert not WeeklyRange.objects.filter(expert=bob_profile).exists()


def test_ranges_come_back_sorted_by_day_and_time(bob_api):
    shuffled = [WEEK[2], WEEK[1], WEEK[0]]
    assert bob_api.put(URL, shuffled, format="json").json() == WEEK


def test_adjacent_ranges_are_kept_as_given(bob_api):
    adjacent = [{"weekday": 1, "start": "09:00", "end": "12:00"}, {"weekday": 1, "start": "12:00", "end": "17:00"}]
    assert bob_api.put(URL, adjacent, format="json").json() == adjacent


def test_overlapping_ranges_are_refused_naming_both(bob_api, bob_profile):
    overlapping = [{"weekday": 0, "start": "09:00", "end": "12:00"}, {"weekday": 0, "start": "11:00", "end": "13:00"}]
    answer = bob_api.put(URL, overlapping, format="json")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "ranges_overlap"
    assert "09:00–12:00" in error["message"] and "11:00–13:00" in error["message"]
    assert error["fields"]["ranges"]
    assert not WeeklyRange.objects.filter(expert=bob_profile).exists()


def test_a_refused_put_keeps_the_previous_week(bob_api):
    bob_api.put(URL, WEEK, format="json")
    bob_api.put(URL, [{"weekday": 9, "start": "09:00", "end": "10:00"}], format="json")
    assert bob_api.get(URL).json() == WEEK


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"weekday": 7, "start": "09:00", "end": "10:00"}, "weekday"),
        ({"weekday": -1, "start": "09:00", "end": "10:00"}, "weekday"),
        ({"weekday": 1, "start": "9am", "end": "10:00"}, "start"),
        ({"weekday": 1, "start": "09:60", "end": "10:00"}, "start"),
        ({"weekday": 1, "start": "24:00", "end": "24:00"}, "start"),
        ({"weekday": 1, "start": "09:00", "end": "24:15"}, "end"),
        ({"weekday": 1, "start": "10:00", "end": "10:00"}, "end"),
        ({"weekday": 1, "start": "11:00", "end": "10:00"}, "end"),
        ({"weekday": 1, "start": "09:00"}, "end"),
    ],
)
def test_bad_ranges_are_field_errors_of_their_item(bob_api, item, field):
    answer = bob_api.put(URL, [WEEK[0], item], format="json")
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]["ranges"]["1"]


def test_a_body_that_is_not_a_list_is_a_field_error(bob_api):
    answer = bob_api.put(URL, {"weekday": 0, "start": "09:00", "end": "10:00"}, format="json")
    assert answer.status_code == 400
    assert "ranges" in answer.json()["error"]["fields"]


def test_experts_only_see_their_own_week(api_as, bob_api, carol_expert):
    bob_api.put(URL, WEEK, format="json")
    assert api_as(carol_expert).get(URL).json() == []


def test_clients_are_forbidden(api_as, alice_client):
    assert api_as(alice_client).get(URL).status_code == 403
    assert api_as(alice_client).put(URL, WEEK, format="json").status_code == 403


def test_anonymous_callers_must_authenticate(api):
    assert api.get(URL).status_code == 401
    assert api.put(URL, WEEK, format="json").status_code == 401


def test_a_form_encoded_body_is_refused_and_keeps_the_week(bob_api):
    """A form or multipart body is not the JSON list: refused, never read as "no ranges"."""
    bob_api.put(URL, WEEK, format="json")
    for answer in (
        bob_api.put(URL, "weekday=1&start=09:00&end=10:00", content_type="application/x-www-form-urlencoded"),
        bob_api.put(URL, {"weekday": "1", "start": "09:00", "end": "10:00"}, format="multipart"),
        bob_api.put(URL, "", content_type="application/x-www-form-urlencoded"),
    ):
        assert answer.status_code == 400
        assert "ranges" in answer.json()["error"]["fields"]
    assert bob_api.get(URL).json() == WEEK


def test_the_list_may_come_wrapped_as_ranges(bob_api):
    """``{"ranges": [...]}`` (the name errors use) is read as the bare list; the answer is
    the documented bare list either way."""
    assert bob_api.put(URL, {"ranges": WEEK}, format="json").json() == WEEK
    assert bob_api.get(URL).json() == WEEK
    answer = bob_api.put(URL, {"ranges": [{"weekday": 9, "start": "09:00", "end": "10:00"}]}, format="json")
    assert "weekday" in answer.json()["error"]["fields"]["ranges"]["0"]


def test_a_wrapper_with_other_keys_is_refused(bob_api):
    answer = bob_api.put(URL, {"ranges": WEEK, "timezone": "UTC"}, format="json")
    assert answer.status_code == 400
    assert "ranges" in answer.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("start", "end"),
    [("9:00", "12:00"), ("09:00:00", "12:00:00"), ("9:00", "24:00:00"), (" 09:00 ", "12:00")],
)
def test_common_spellings_of_a_time_are_read_and_answered_as_hh_mm(bob_api, start, end):
    answer = bob_api.put(URL, [{"weekday": 3, "start": start, "end": end}], format="json")
    assert answer.status_code == 200
    assert answer.json() == [{"weekday": 3, "start": "09:00", "end": end.strip()[:5]}]


@pytest.mark.parametrize("text", ["09:00:30", "9", "0900", "09:0", "009:00", "٠٩:٠٠", "09:00:00.5", "24:00:01"])
def test_other_spellings_stay_field_errors(bob_api, text):
    answer = bob_api.put(URL, [{"weekday": 3, "start": "08:00", "end": text}], format="json")
    assert answer.status_code == 400
    assert "end" in answer.json()["error"]["fields"]["ranges"]["0"]
