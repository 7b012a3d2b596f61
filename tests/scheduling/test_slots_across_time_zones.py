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


@pytest.fixture
def bob_always_open(bob_expert, bob_hour, frozen_now):
    """Bob in UTC, open all day every day, no notice, a year ahead: every quarter hour is offered."""
    frozen_now(NOW)
    profile = set_zone(bob_expert, "UTC", min_notice_minutes=0, horizon_days=365)
    set_week(profile, *every_day("00:00", "24:00"))
    return profile


@pytest.mark.parametrize(
    ("day", "first", "last", "count"),
    [
        ("2026-11-01", "2026-11-01T00:00:00-04:00", "2026-11-01T23:45:00-05:00", 25 * 4),  # clocks go back
        ("2027-03-14", "2027-03-14T00:00:00-05:00", "2027-03-14T23:45:00-04:00", 23 * 4),  # clocks go forward
        ("2026-11-02", "2026-11-02T00:00:00-05:00", "2026-11-02T23:45:00-05:00", 24 * 4),
    ],
)
def test_a_viewers_day_runs_from_local_midnight_to_local_midnight_across_daylight_saving(
    api, bob_always_open, bob_hour, day, first, last, count
):
    answer = slots(api, bob_always_open, bob_hour, day, day, tz="America/New_York")
    assert (answer[0], answer[-1], len(answer), len(set(answer))) == (first, last, count, count)


def test_viewers_twenty_five_hours_apart_see_the_same_instants_on_different_dates(api, bob_in_new_york, bob_hour):
    """Kiritimati (UTC+14) and Pago Pago (UTC−11): one morning in New York is the next
    day's early hours for one viewer and the same day's small hours for the other."""
    kiritimati = slots(api, bob_in_new_york, bob_hour, "2026-10-23", "2026-10-23", tz="Pacific/Kiritimati")
    pago_pago = slots(api, bob_in_new_york, bob_hour, "2026-10-22", "2026-10-22", tz="Pacific/Pago_Pago")
    assert kiritimati[0] == "2026-10-23T03:00:00+14:00" and pago_pago[0] == "2026-10-22T02:00:00-11:00"
    as_instants = [{dt.datetime.fromisoformat(text) for text in answer} for answer in (kiritimati, pago_pago)]
    assert as_instants[0] == as_instants[1] and len(as_instants[0]) == len(MORNING)
