"""Daylight-saving days and odd offsets (SPEC §3): every 2026/2027 transition of five
awkward zones in both directions, found from zoneinfo, plus concrete instants per zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduling.slots import DateOverride, WeeklyRange, utc_window_for_dates
from tests.scheduling.slot_engine_support import (
    MINUTE,
    every_day,
    find_slots,
    hm,
    local_times,
    transitions,
    utc,
)

ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham"]
CHANGES = [
    pytest.param(
        zone, instant, before, after, id=f"{zone}-{instant:%Y-%m-%d}-{'forward' if after > before else 'back'}"
    )
    for zone in ZONES
    for year in (2026, 2027)
    for instant, before, after in transitions(zone, year)
]


def test_each_zone_changes_twice_a_year_in_both_directions():
    for zone in ZONES:
        for year in (2026, 2027):
            shifts = sorted(after - before for _, before, after in transitions(zone, year))
            expected = timedelta(minutes=30) if zone == "Australia/Lord_Howe" else timedelta(hours=1)
            assert shifts == [-expected, expected], (zone, year)


def change_date(zone: str, instant: datetime):
    return instant.astimezone(ZoneInfo(zone)).date()


@pytest.mark.parametrize(("zone", "instant", "before", "after"), CHANGES)
def test_every_real_local_quarter_hour_of_the_change_day_is_offered_once(zone, instant, before, after):
    day = change_date(zone, instant)
    start, end = utc_window_for_dates(zone, day, day)
    slots = find_slots(
        zone=zone, weekly=every_day("00:00", "24:00"), duration=15, start=start, end=end + timedelta(days=1)
    )
    slots = [slot for slot in slots if slot < end]
    assert end - start == timedelta(days=1) - (after - before)
    expected = [
        start + MINUTE * n
        for n in range(int((end - start) / MINUTE))
        if (start + MINUTE * n).astimezone(ZoneInfo(zone)).minute % 15 == 0
    ]
    assert slots == expected
    assert len(slots) == (end - start) // timedelta(minutes=15)


@pytest.mark.parametrize(("zone", "instant", "before", "after"), CHANGES)
def test_a_nine_oclock_rule_stays_nine_local_on_both_sides(zone, instant, before, after):
    day = change_date(zone, instant)
    start, _ = utc_window_for_dates(zone, day - timedelta(days=1), day - timedelta(days=1))
    _, end = utc_window_for_dates(zone, day + timedelta(days=1), day + timedelta(days=1))
    slots = find_slots(zone=zone, weekly=every_day("09:00", "10:00"), start=start, end=end)
    assert [text[11:16] for text in local_times(slots, zone)] == ["09:00", "09:00", "09:00"]
    assert slots[2] - slots[0] == timedelta(days=2) - (after - before)


@pytest.mark.parametrize(("zone", "instant", "before", "after"), CHANGES)
def test_a_range_across_the_change_lasts_its_real_elapsed_time(zone, instant, before, after):
    day = change_date(zone, instant)
    wall = (instant + before).replace(tzinfo=None)  # local clock reading just before the change
    range_start = max(wall.hour * 60 + wall.minute - 60, 0) // 15 * 15
    weekly = [WeeklyRange(day.weekday(), range_start, range_start + 180)]
    real = timedelta(minutes=180) - (after - before)
    window = utc_window_for_dates(zone, day, day)
    fitting = find_slots(zone=zone, weekly=weekly, duration=int(real / MINUTE), start=window[0], end=window[1])
    assert len(fitting) == 1
    assert local_times(fitting, zone)[0][11:16] == f"{range_start // 60:02d}:{range_start % 60:02d}"
    assert find_slots(zone=zone, weekly=weekly, duration=int(real / MINUTE) + 15, start=window[0], end=window[1]) == []
    quarter_hours = find_slots(zone=zone, weekly=weekly, duration=15, start=window[0], end=window[1])
    assert len(quarter_hours) == real // timedelta(minutes=15)


@pytest.mark.parametrize(("zone", "instant", "before", "after"), CHANGES)
def test_no_slot_lands_on_a_local_time_that_does_not_exist_or_a_wrong_instant(zone, instant, before, after):
    day = change_date(zone, instant)
    start, end = utc_window_for_dates(zone, day, day)
    slots = find_slots(zone=zone, weekly=every_day("00:00", "24:00"), duration=15, start=start, end=end)
    for slot in slots:
        local = slot.astimezone(ZoneInfo(zone))
        assert local.minute % 15 == 0 and local.second == 0
        assert (
            local.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone), fold=local.fold).astimezone(slot.tzinfo) == slot
        )


def test_new_york_spring_forward_skips_the_missing_hour():
    slots = find_slots(
        zone="America/New_York",
        weekly=[WeeklyRange(6, hm("01:00"), hm("04:00"))],
        duration=15,
        start=utc(2026, 3, 8),
        end=utc(2026, 3, 9),
    )
    assert slots == [utc(2026, 3, 8, 6, minute) for minute in (0, 15, 30, 45)] + [
        utc(2026, 3, 8, 7, minute) for minute in (0, 15, 30, 45)
    ]
    assert local_times(slots, "America/New_York")[3:5] == ["2026-03-08 01:45-0500", "2026-03-08 03:00-0400"]


def test_new_york_fall_back_offers_the_repeated_hour_twice():
    slots = find_slots(
        zone="America/New_York",
        weekly=[WeeklyRange(6, hm("01:00"), hm("02:00"))],
        duration=15,
        start=utc(2026, 11, 1),
        end=utc(2026, 11, 2),
    )
    assert slots == [utc(2026, 11, 1, hour, minute) for hour in (5, 6) for minute in (0, 15, 30, 45)]


def test_london_both_changes_at_concrete_instants():
    weekly = [WeeklyRange(6, hm("00:00"), hm("03:00"))]
    spring = find_slots(
        zone="Europe/London", weekly=weekly, duration=15, start=utc(2026, 3, 28, 12), end=utc(2026, 3, 29, 12)
    )
    assert spring == [utc(2026, 3, 29, 0) + timedelta(minutes=15 * n) for n in range(8)]
    autumn = find_slots(
        zone="Europe/London", weekly=weekly, duration=15, start=utc(2026, 10, 24, 12), end=utc(2026, 10, 25, 12)
    )
    assert autumn == [utc(2026, 10, 24, 23) + timedelta(minutes=15 * n) for n in range(16)]


def test_lord_howe_half_hour_shift_at_concrete_instants():
    zone = "Australia/Lord_Howe"
    forward = find_slots(
        zone=zone,
        weekly=[WeeklyRange(6, hm("01:00"), hm("04:00"))],
        duration=15,
        start=utc(2026, 10, 3),
        end=utc(2026, 10, 4),
    )
    assert forward == [utc(2026, 10, 3, 14, 30) + timedelta(minutes=15 * n) for n in range(10)]
    assert local_times(forward, zone)[3:5] == ["2026-10-04 01:45+1030", "2026-10-04 02:30+1100"]
    nine = find_slots(zone=zone, weekly=every_day("09:00", "10:00"), start=utc(2026, 4, 3, 12), end=utc(2026, 4, 6, 12))
    assert nine == [utc(2026, 4, 3, 22), utc(2026, 4, 4, 22, 30), utc(2026, 4, 5, 22, 30)]


def test_st_johns_minus_three_thirty_at_concrete_instants():
    zone = "America/St_Johns"
    forward = find_slots(
        zone=zone,
        weekly=[WeeklyRange(6, hm("01:00"), hm("04:00"))],
        duration=15,
        start=utc(2026, 3, 8),
        end=utc(2026, 3, 9),
    )
    assert forward == [utc(2026, 3, 8, 4, 30) + timedelta(minutes=15 * n) for n in range(8)]
    nine = find_slots(zone=zone, weekly=every_day("09:00", "10:00"), start=utc(2026, 10, 31), end=utc(2026, 11, 3))
    assert nine == [utc(2026, 10, 31, 11, 30), utc(2026, 11, 1, 12, 30), utc(2026, 11, 2, 12, 30)]


def test_chatham_plus_twelve_forty_five_at_concrete_instants():
    zone = "Pacific/Chatham"
    nine = find_slots(zone=zone, weekly=every_day("09:00", "10:00"), start=utc(2026, 9, 25), end=utc(2026, 9, 28))
    assert nine == [utc(2026, 9, 25, 20, 15), utc(2026, 9, 26, 19, 15), utc(2026, 9, 27, 19, 15)]
    back = find_slots(
        zone=zone,
        weekly=[WeeklyRange(6, hm("02:00"), hm("04:00"))],
        duration=15,
        start=utc(2026, 4, 4),
        end=utc(2026, 4, 5),
    )
    # 02:00–03:45 at +13:45, then 02:45–03:45 again at +12:45
    assert back == [utc(2026, 4, 4, 12, 15) + timedelta(minutes=15 * n) for n in range(12)]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Kathmandu", ["03:15", "03:30", "03:45", "04:00"]),
        ("Asia/Kolkata", ["03:30", "03:45", "04:00", "04:15"]),
        ("Pacific/Chatham", ["20:15", "20:30", "20:45", "21:00"]),
    ],
)
def test_odd_offsets_put_the_grid_on_local_quarter_hours(zone, expected):
    slots = find_slots(
        zone=zone, weekly=every_day("09:00", "10:00"), duration=15, start=utc(2026, 6, 1, 0), end=utc(2026, 6, 2)
    )
    assert [slot.strftime("%H:%M") for slot in slots] == expected
    assert all(text[11:16] in ("09:00", "09:15", "09:30", "09:45") for text in local_times(slots, zone))


def test_an_auckland_override_after_midnight_shows_on_the_previous_date_in_los_angeles():
    zone, viewer = "Pacific/Auckland", "America/Los_Angeles"
    extra = [DateOverride(datetime(2026, 6, 15).date(), "available", hm("00:00"), hm("02:00"))]
    start, end = utc_window_for_dates(viewer, datetime(2026, 6, 14).date(), datetime(2026, 6, 14).date())
    slots = find_slots(zone=zone, overrides=extra, start=start, end=end)
    assert slots == [utc(2026, 6, 14, 12) + timedelta(minutes=15 * n) for n in range(5)]
    assert slots[0].astimezone(ZoneInfo(viewer)).strftime("%d %H:%M") == "14 05:00"
    next_day = utc_window_for_dates(viewer, datetime(2026, 6, 15).date(), datetime(2026, 6, 15).date())
    assert find_slots(zone=zone, overrides=extra, start=next_day[0], end=next_day[1]) == []


def test_a_whole_day_off_in_auckland_removes_only_that_local_date_seen_from_los_angeles():
    off = [DateOverride(datetime(2026, 6, 16).date(), "unavailable")]
    start, end = utc_window_for_dates("America/Los_Angeles", datetime(2026, 6, 14).date(), datetime(2026, 6, 17).date())
    slots = find_slots(zone="Pacific/Auckland", weekly=every_day("23:00", "24:00"), overrides=off, start=start, end=end)
    assert slots == [utc(2026, 6, 14, 11), utc(2026, 6, 15, 11), utc(2026, 6, 17, 11)]


@pytest.mark.parametrize(
    ("zone", "day", "start", "end"),
    [
        ("Asia/Kathmandu", (2026, 5, 1), utc(2026, 4, 30, 18, 15), utc(2026, 5, 1, 18, 15)),
        ("America/New_York", (2026, 3, 8), utc(2026, 3, 8, 5), utc(2026, 3, 9, 4)),
        ("America/New_York", (2026, 11, 1), utc(2026, 11, 1, 4), utc(2026, 11, 2, 5)),
        # midnight itself is skipped on these dates: the day begins at 01:00
        ("America/Havana", (2026, 3, 8), utc(2026, 3, 8, 5), utc(2026, 3, 9, 4)),
        ("America/Santiago", (2026, 9, 6), utc(2026, 9, 6, 4), utc(2026, 9, 7, 3)),
    ],
)
def test_utc_window_for_local_dates(zone, day, start, end):
    local_day = datetime(*day).date()
    assert utc_window_for_dates(zone, local_day, local_day) == (start, end)


def test_utc_window_for_dates_refuses_an_inverted_range():
    with pytest.raises(ValueError):
        utc_window_for_dates("UTC", datetime(2026, 5, 2).date(), datetime(2026, 5, 1).date())


def test_two_changes_inside_one_long_window_both_count():
    # Morocco leaves +01 for Ramadan and returns five weeks later: 15 Feb and 22 Mar 2026
    zone = "Africa/Casablanca"
    start, end = utc_window_for_dates(zone, datetime(2026, 2, 1).date(), datetime(2026, 4, 1).date())
    slots = find_slots(zone=zone, weekly=every_day("09:00", "10:00"), start=start, end=end)
    assert len(slots) == 60
    assert {text[11:22] for text in local_times(slots, zone)} == {"09:00+0100", "09:00+0000"}
    assert utc(2026, 3, 1, 9) in slots and utc(2026, 4, 1, 8) in slots


def test_the_grid_follows_the_local_clock_when_the_offset_is_not_whole_quarter_hours():
    # Monrovia kept −00:44:30 until 1972, so local quarter hours fall at :14:30/:29:30/… UTC
    slots = find_slots(
        zone="Africa/Monrovia",
        weekly=every_day("09:00", "10:00"),
        duration=15,
        start=utc(1970, 6, 1),
        end=utc(1970, 6, 2),
    )
    assert slots == [utc(1970, 6, 1, 9, 44, 30) + timedelta(minutes=15 * n) for n in range(4)]
