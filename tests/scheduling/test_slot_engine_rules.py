"""Slot engine rules on plain days (SPEC §3): ranges, overrides, buffers, busy time,
notice, horizon, window edges and the daily limit. No database."""

from datetime import date, timedelta

import pytest

from scheduling.slots import (
    AVAILABLE,
    UNAVAILABLE,
    BusyInterval,
    DateOverride,
    WeeklyRange,
)
from tests.scheduling.slot_engine_support import (
    every_day,
    find_slots,
    hm,
    local_times,
    utc,
)

MONDAY = date(2026, 6, 1)
DAY_START, DAY_END = utc(2026, 6, 1), utc(2026, 6, 2)


def monday(start: str, end: str) -> WeeklyRange:
    return WeeklyRange(0, hm(start), hm(end))


def times(slots) -> list[str]:
    return [slot.strftime("%H:%M") for slot in slots]


def quarter_hours(first: str, last: str) -> list[str]:
    start, stop = hm(first), hm(last)
    return [f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(start, stop + 1, 15)]


def test_a_single_range_offers_every_quarter_hour_where_the_call_fits():
    slots = find_slots(weekly=[monday("09:00", "12:00")], start=DAY_START, end=DAY_END)
    assert times(slots) == quarter_hours("09:00", "11:00")


def test_adjacent_ranges_join_so_a_call_may_run_across_the_seam():
    joined = find_slots(weekly=[monday("09:00", "12:00"), monday("12:00", "17:00")], start=DAY_START, end=DAY_END)
    assert times(joined) == quarter_hours("09:00", "16:00")
    assert "11:30" in times(joined)


def test_overlapping_ranges_give_each_start_once():
    slots = find_slots(weekly=[monday("09:00", "12:00"), monday("10:00", "13:00")], start=DAY_START, end=DAY_END)
    assert times(slots) == quarter_hours("09:00", "12:00")


def test_a_range_ending_at_24_00_joins_the_next_morning():
    weekly = [monday("22:00", "24:00"), WeeklyRange(1, hm("00:00"), hm("02:00"))]
    slots = find_slots(weekly=weekly, start=DAY_START, end=DAY_END + timedelta(days=1))
    assert [slot.strftime("%a %H:%M") for slot in slots] == [
        "Mon 22:00",
        "Mon 22:15",
        "Mon 22:30",
        "Mon 22:45",
        "Mon 23:00",
        "Mon 23:15",
        "Mon 23:30",
        "Mon 23:45",
        "Tue 00:00",
        "Tue 00:15",
        "Tue 00:30",
        "Tue 00:45",
        "Tue 01:00",
    ]


def test_a_range_not_on_the_quarter_hour_starts_at_the_next_one():
    slots = find_slots(weekly=[monday("09:05", "10:50")], duration=30, start=DAY_START, end=DAY_END)
    assert times(slots) == ["09:15", "09:30", "09:45", "10:00", "10:15"]


def test_extra_availability_adds_to_the_weekly_hours_and_joins_them():
    weekly = [monday("09:00", "12:00")]
    extra = [
        DateOverride(MONDAY, AVAILABLE, hm("12:00"), hm("13:00")),
        DateOverride(MONDAY, AVAILABLE, hm("15:00"), hm("16:00")),
    ]
    slots = find_slots(weekly=weekly, overrides=extra, start=DAY_START, end=DAY_END)
    assert times(slots) == quarter_hours("09:00", "12:00") + ["15:00"]


def test_extra_availability_only_touches_its_own_date():
    extra = [DateOverride(MONDAY, AVAILABLE, hm("09:00"), hm("10:00"))]
    slots = find_slots(overrides=extra, start=DAY_START - timedelta(days=3), end=DAY_END + timedelta(days=3))
    assert slots == [utc(2026, 6, 1, 9)]


def test_time_off_splits_a_weekly_range():
    off = [DateOverride(MONDAY, UNAVAILABLE, hm("12:00"), hm("13:00"))]
    slots = find_slots(weekly=[monday("09:00", "17:00")], overrides=off, start=DAY_START, end=DAY_END)
    assert times(slots) == quarter_hours("09:00", "11:00") + quarter_hours("13:00", "16:00")


def test_a_whole_day_off_empties_that_date_only():
    off = [DateOverride(MONDAY, UNAVAILABLE)]
    slots = find_slots(weekly=every_day("09:00", "10:00"), overrides=off, start=utc(2026, 5, 31), end=utc(2026, 6, 3))
    assert slots == [utc(2026, 5, 31, 9), utc(2026, 6, 2, 9)]


def test_time_off_wins_over_extra_availability_on_the_same_date():
    overrides = [
        DateOverride(MONDAY, AVAILABLE, hm("18:00"), hm("20:00")),
        DateOverride(MONDAY, UNAVAILABLE, hm("18:30"), hm("24:00")),
    ]
    slots = find_slots(
        weekly=[monday("09:00", "10:00")], overrides=overrides, duration=30, start=DAY_START, end=DAY_END
    )
    assert times(slots) == ["09:00", "09:15", "09:30", "18:00"]


def test_buffers_must_fit_inside_available_time():
    slots = find_slots(
        weekly=[monday("09:00", "17:00")],
        buffer_before_minutes=15,
        buffer_after_minutes=15,
        start=DAY_START,
        end=DAY_END,
    )
    assert times(slots) == quarter_hours("09:15", "15:45")


def test_a_busy_call_keeps_both_buffers_clear_on_each_side():
    busy = [BusyInterval.call(utc(2026, 6, 1, 12), 60)]
    slots = find_slots(
        weekly=[monday("09:00", "17:00")],
        busy=busy,
        buffer_before_minutes=15,
        buffer_after_minutes=15,
        start=DAY_START,
        end=DAY_END,
    )
    # the earlier call ends 10:30+60 = 11:30, then 15 after it + 15 before the 12:00 call
    assert times(slots) == quarter_hours("09:15", "10:30") + quarter_hours("13:30", "15:45")


def test_uneven_buffers_are_each_kept_on_their_own_side():
    busy = [BusyInterval.call(utc(2026, 6, 1, 12), 60)]
    slots = find_slots(
        weekly=[monday("09:00", "17:00")], busy=busy, buffer_before_minutes=30, start=DAY_START, end=DAY_END
    )
    assert times(slots) == quarter_hours("09:30", "10:30") + quarter_hours("13:30", "16:00")


def test_an_external_busy_block_is_not_widened_but_the_new_calls_buffers_avoid_it():
    busy = [BusyInterval.block(utc(2026, 6, 1, 12), utc(2026, 6, 1, 13))]
    slots = find_slots(
        weekly=[monday("09:00", "17:00")],
        busy=busy,
        buffer_before_minutes=15,
        buffer_after_minutes=15,
        start=DAY_START,
        end=DAY_END,
    )
    assert times(slots) == quarter_hours("09:15", "10:45") + quarter_hours("13:15", "15:45")


def test_a_busy_call_blocks_every_start_that_would_overlap_it():
    busy = [BusyInterval.call(utc(2026, 6, 1, 10, 15), 45)]
    slots = find_slots(weekly=[monday("09:00", "13:00")], busy=busy, duration=30, start=DAY_START, end=DAY_END)
    assert times(slots) == [
        "09:00",
        "09:15",
        "09:30",
        "09:45",
        "11:00",
        "11:15",
        "11:30",
        "11:45",
        "12:00",
        "12:15",
        "12:30",
    ]


def test_busy_times_in_any_offset_are_the_same_instants():
    from zoneinfo import ZoneInfo

    lagos_noon = utc(2026, 6, 1, 12).astimezone(ZoneInfo("Africa/Lagos"))
    in_utc = find_slots(
        weekly=[monday("09:00", "17:00")],
        busy=[BusyInterval.call(utc(2026, 6, 1, 12), 60)],
        start=DAY_START,
        end=DAY_END,
    )
    in_lagos = find_slots(
        weekly=[monday("09:00", "17:00")], busy=[BusyInterval.call(lagos_noon, 60)], start=DAY_START, end=DAY_END
    )
    assert in_utc == in_lagos
    assert "11:15" not in times(in_utc) and "11:00" in times(in_utc)


def test_minimum_notice_offers_the_start_exactly_at_its_edge():
    weekly = [monday("09:00", "12:00")]
    assert (
        times(
            find_slots(weekly=weekly, now=utc(2026, 6, 1, 7, 30), min_notice_minutes=90, start=DAY_START, end=DAY_END)
        )[0]
        == "09:00"
    )
    one_second_later = utc(2026, 6, 1, 7, 30, 1)
    slots = find_slots(weekly=weekly, now=one_second_later, min_notice_minutes=90, start=DAY_START, end=DAY_END)
    assert times(slots)[0] == "09:15"


def test_notice_and_horizon_edges_hold_to_the_microsecond():
    weekly = [monday("09:00", "12:00")]
    late = utc(2026, 6, 1, 7, 30).replace(microsecond=1)
    assert times(find_slots(weekly=weekly, now=late, min_notice_minutes=90, start=DAY_START, end=DAY_END))[0] == "09:15"
    early = utc(2026, 5, 30, 10).replace(microsecond=999999)
    assert times(find_slots(weekly=weekly, now=early, horizon_days=2, start=DAY_START, end=DAY_END))[-1] == "10:00"
    assert (
        times(
            find_slots(weekly=weekly, now=early - timedelta(seconds=1), horizon_days=2, start=DAY_START, end=DAY_END)
        )[-1]
        == "09:45"
    )


def test_past_starts_are_never_offered():
    slots = find_slots(weekly=[monday("09:00", "12:00")], now=utc(2026, 6, 1, 10, 5), start=DAY_START, end=DAY_END)
    assert times(slots) == ["10:15", "10:30", "10:45", "11:00"]


def test_the_horizon_offers_the_start_exactly_at_its_edge_and_nothing_after():
    now = utc(2026, 5, 30, 10)
    slots = find_slots(weekly=[monday("09:00", "12:00")], now=now, horizon_days=2, start=DAY_START, end=DAY_END)
    assert times(slots) == ["09:00", "09:15", "09:30", "09:45", "10:00"]
    slots = find_slots(
        weekly=[monday("09:00", "12:00")], now=now + timedelta(seconds=1), horizon_days=2, start=DAY_START, end=DAY_END
    )
    assert times(slots) == ["09:00", "09:15", "09:30", "09:45", "10:00"]
    slots = find_slots(
        weekly=[monday("09:00", "12:00")], now=now - timedelta(seconds=1), horizon_days=2, start=DAY_START, end=DAY_END
    )
    assert times(slots)[-1] == "09:45"


def test_the_window_includes_its_start_excludes_its_end_and_calls_may_run_past_it():
    slots = find_slots(weekly=[monday("09:00", "12:00")], start=utc(2026, 6, 1, 9, 30), end=utc(2026, 6, 1, 10, 30))
    assert times(slots) == ["09:30", "09:45", "10:00", "10:15"]


def test_an_empty_or_inverted_window_offers_nothing():
    assert find_slots(weekly=every_day("00:00", "24:00"), start=DAY_END, end=DAY_START) == []
    assert find_slots(weekly=every_day("00:00", "24:00"), start=DAY_START, end=DAY_START) == []


def test_the_daily_limit_closes_a_full_expert_local_date_only():
    # Tokyo is UTC+9: a call at 00:30 on 2 June in Tokyo is still 1 June in UTC
    busy = [BusyInterval.call(utc(2026, 6, 1, 15, 30), 30), BusyInterval.call(utc(2026, 6, 2, 1), 30)]
    slots = find_slots(
        zone="Asia/Tokyo",
        weekly=every_day("18:00", "19:00"),
        busy=busy,
        daily_limit=2,
        start=utc(2026, 6, 1),
        end=utc(2026, 6, 4),
    )
    assert local_times(slots, "Asia/Tokyo") == ["2026-06-01 18:00+0900", "2026-06-03 18:00+0900"]


def test_the_daily_limit_counts_booked_calls_not_external_blocks_or_offered_slots():
    busy = [BusyInterval.call(utc(2026, 6, 1, 7), 30), BusyInterval.block(utc(2026, 6, 1, 8), utc(2026, 6, 1, 9))]
    open_day = find_slots(weekly=[monday("09:00", "12:00")], busy=busy, daily_limit=2, start=DAY_START, end=DAY_END)
    assert times(open_day) == quarter_hours("09:00", "11:00")
    busy.append(BusyInterval.call(utc(2026, 6, 1, 20), 30))
    assert find_slots(weekly=[monday("09:00", "12:00")], busy=busy, daily_limit=2, start=DAY_START, end=DAY_END) == []


@pytest.mark.parametrize(
    "build",
    [
        lambda: WeeklyRange(7, 0, 60),
        lambda: WeeklyRange(0, 600, 600),
        lambda: WeeklyRange(0, 0, 1441),
        lambda: DateOverride(MONDAY, AVAILABLE),
        lambda: DateOverride(MONDAY, "holiday", 0, 60),
        lambda: DateOverride(MONDAY, UNAVAILABLE, 60, None),
        lambda: BusyInterval(utc(2026, 6, 1, 12).replace(tzinfo=None), utc(2026, 6, 1, 13)),
        lambda: BusyInterval.call(utc(2026, 6, 1, 12), 0),
        lambda: find_slots(weekly=[monday("09:00", "10:00")], buffer_before_minutes=-5, start=DAY_START, end=DAY_END),
        lambda: find_slots(weekly=[monday("09:00", "10:00")], daily_limit=0, start=DAY_START, end=DAY_END),
        lambda: find_slots(weekly=[monday("09:00", "10:00")], duration=0, start=DAY_START, end=DAY_END),
        lambda: find_slots(start=DAY_START.replace(tzinfo=None), end=DAY_END),
    ],
)
def test_invalid_inputs_are_refused_with_a_value_error(build):
    with pytest.raises(ValueError):
        build()


def test_an_unknown_time_zone_is_refused_up_front():
    from zoneinfo import ZoneInfoNotFoundError

    with pytest.raises(ZoneInfoNotFoundError):
        find_slots(zone="Mars/Olympus_Mons", start=DAY_START, end=DAY_END)
