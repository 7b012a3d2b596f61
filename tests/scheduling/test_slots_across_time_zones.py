"""End to end through the API: an expert in New York, viewers in UTC and in Kolkata,
across the end of daylight saving time on Sunday 1 November 2026."""

import datetime as dt

import pytest

from scheduling.services import date_override_create
from tests.scheduling.conftest import UTC, every_day, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=UTC)
MORNING = ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00"]


@pytest.fixture
def bob_in_new_york(bob_expert, bob_hour, frozen_now):
    frozen_now(NOW)
    profile = set_zone(bob_expert, "America/New_York")
    set_week(profile, *every_day("09:00", "12:00"))
    return profile


def slots(api, profile, area, start: str, end: str, tz: str | None = None) -> list[str]:
    url = f"/api/v1/experts/{profile.pk}/slots?area={area.pk}&from={start}&to={end}" + (f"&tz={tz}" if tz else "")
    answer = api.get(url)
    assert answer.status_code == 200, answer.json()
    return answer.json()["slots"]


def utc_times(hour: int) -> list[str]:
    """The nine 60-minute starts of a 09:00–12:00 morning that begins at ``hour`` UTC."""
    return [f"{hour + int(time[:2]) - 9:02d}:{time[3:]}" for time in MORNING]


def test_nine_local_stays_nine_local_across_the_change_seen_in_utc(api, bob_in_new_york, bob_hour):
    answer = slots(api, bob_in_new_york, bob_hour, "2026-10-31", "2026-11-02")
    assert answer == (
        [f"2026-10-31T{t}:00+00:00" for t in utc_times(13)]  # EDT, UTC−4
        + [f"2026-11-01T{t}:00+00:00" for t in utc_times(14)]  # EST from 02:00 that Sunday
        + [f"2026-11-02T{t}:00+00:00" for t in utc_times(14)]
    )


def test_a_viewer_in_kolkata_sees_the_same_instants_at_half_past(api, bob_in_new_york, bob_hour):
    answer = slots(api, bob_in_new_york, bob_hour, "2026-10-31", "2026-11-02", tz="Asia/Kolkata")
    # 13:00 UTC is 18:30 IST before the change, 14:00 UTC is 19:30 IST after it
    assert answer[0] == "2026-10-31T18:30:00+05:30"
    assert "2026-11-01T19:30:00+05:30" in answer and "2026-11-01T18:30:00+05:30" not in answer
    assert answer[-1] == "2026-11-02T21:30:00+05:30"
    assert len(answer) == 27


def test_the_viewer_and_the_utc_answers_are_the_same_instants(api, bob_in_new_york, bob_hour):
    in_kolkata = slots(api, bob_in_new_york, bob_hour, "2026-10-25", "2026-11-05", tz="Asia/Kolkata")
    in_utc = slots(api, bob_in_new_york, bob_hour, "2026-10-25", "2026-11-05")
    as_instants = {dt.datetime.fromisoformat(slot) for slot in in_kolkata}
    assert as_instants == {dt.datetime.fromisoformat(slot) for slot in in_utc}


def test_a_viewers_dates_cut_the_experts_days_in_the_viewers_zone(api, bob_in_new_york, bob_hour):
    # 09:00–12:00 New York (EST) is 23:00–02:00 the next day in Tokyo: one Tokyo date
    # holds the end of one New York morning and the start of the next.
    answer = slots(api, bob_in_new_york, bob_hour, "2026-11-10", "2026-11-10", tz="Asia/Tokyo")
    assert answer == [
        "2026-11-10T00:00:00+09:00",
        "2026-11-10T00:15:00+09:00",
        "2026-11-10T00:30:00+09:00",
        "2026-11-10T00:45:00+09:00",
        "2026-11-10T01:00:00+09:00",
        "2026-11-10T23:00:00+09:00",
        "2026-11-10T23:15:00+09:00",
        "2026-11-10T23:30:00+09:00",
        "2026-11-10T23:45:00+09:00",
    ]


def test_a_day_off_is_the_experts_local_day(api, bob_in_new_york, bob_hour):
    date_override_create(expert=bob_in_new_york, date=dt.date(2026, 11, 3), kind="unavailable")
    answer = slots(api, bob_in_new_york, bob_hour, "2026-11-02", "2026-11-04")
    assert {slot[:10] for slot in answer} == {"2026-11-02", "2026-11-04"}


def test_extra_hours_on_a_date_add_to_the_week(api, bob_in_new_york, bob_hour):
    date_override_create(expert=bob_in_new_york, date=dt.date(2026, 11, 4), kind="available", start_minute=14 * 60, end_minute=15 * 60)
    answer = slots(api, bob_in_new_york, bob_hour, "2026-11-04", "2026-11-04", tz="America/New_York")
    assert answer[-1] == "2026-11-04T14:00:00-05:00"
    assert len(answer) == len(MORNING) + 1
