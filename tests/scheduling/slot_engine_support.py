"""Helpers for the slot engine tests: short constructors, zone transitions found by
scanning, and a minute-by-minute oracle that shares no code with the engine."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from scheduling.slots import (
    AVAILABLE,
    Availability,
    BookingRules,
    BusyInterval,
    DateOverride,
    WeeklyRange,
    slot_starts,
)

MINUTE = timedelta(minutes=1)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def hm(text: str) -> int:
    """``"09:30"`` → 570 minutes (``"24:00"`` → 1440)."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def every_day(start: str, end: str) -> list[WeeklyRange]:
    return [WeeklyRange(weekday, hm(start), hm(end)) for weekday in range(7)]


def find_slots(
    *,
    zone: str = "UTC",
    weekly: Sequence[WeeklyRange] = (),
    overrides: Sequence[DateOverride] = (),
    busy: Sequence[BusyInterval] = (),
    duration: int = 60,
    now: datetime | None = None,
    start: datetime,
    end: datetime,
    **rules: int | None,
) -> list[datetime]:
    """``slot_starts`` with test-friendly defaults: no notice, a year of horizon, ``now``
    a week before the window."""
    rules = {"min_notice_minutes": 0, "horizon_days": 365} | rules
    return slot_starts(
        availability=Availability(zone, weekly, overrides),
        rules=BookingRules(**rules),
        busy=busy,
        duration_minutes=duration,
        now=now or start - timedelta(days=7),
        window_start=start,
        window_end=end,
    )


def local_times(slots: list[datetime], zone: str) -> list[str]:
    """Slots as the expert's wall clock, ``"2026-03-08 01:45-05:00"``."""
    return [slot.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M%z") for slot in slots]


@cache
def transitions(zone_name: str, year: int) -> tuple[tuple[datetime, timedelta, timedelta], ...]:
    """(instant, offset before, offset after) of every offset change in ``year``,
    found by an hourly scan refined to the minute (no engine code involved)."""
    zone = ZoneInfo(zone_name)
    found = []
    hour = utc(year, 1, 1)
    offset = hour.astimezone(zone).utcoffset()
    while hour.year == year:
        following = hour + timedelta(hours=1)
        if following.astimezone(zone).utcoffset() != offset:
            instant = next(
                hour + MINUTE * n for n in range(1, 61) if (hour + MINUTE * n).astimezone(zone).utcoffset() != offset
            )
            found.append((instant, offset, instant.astimezone(zone).utcoffset()))
            offset = found[-1][2]
        hour = following
    return tuple(found)


def oracle_slots(
    *,
    zone: str,
    weekly: Sequence[WeeklyRange],
    overrides: Sequence[DateOverride],
    busy: Sequence[BusyInterval],
    duration: int,
    rules: BookingRules,
    now: datetime,
    start: datetime,
    end: datetime,
) -> list[datetime]:
    """What SPEC §3 says, checked one UTC minute at a time (inputs in whole minutes)."""
    before, after = rules.buffer_before_minutes, rules.buffer_after_minutes
    first = _ceil_minute(start) - timedelta(minutes=before)
    minutes = int((end - first) / MINUTE) + duration + before + after + 1
    is_open = open_minutes(zone, weekly, overrides, busy, rules, first, minutes)
    zone_info = ZoneInfo(zone)
    calls_per_date: dict[date, int] = {}
    for interval in busy:
        if interval.is_call:
            local_date = interval.start.astimezone(zone_info).date()
            calls_per_date[local_date] = calls_per_date.get(local_date, 0) + 1
    offered = []
    for index in range(before, minutes - duration - after):
        moment = first + MINUTE * index
        local = moment.astimezone(zone_info)
        if not (start <= moment < end and local.minute % 15 == 0):
            continue
        if moment < now + timedelta(minutes=rules.min_notice_minutes) or moment > now + timedelta(
            days=rules.horizon_days
        ):
            continue
        if rules.daily_limit is not None and calls_per_date.get(local.date(), 0) >= rules.daily_limit:
            continue
        if all(is_open[index - before : index + duration + after]):
            offered.append(moment)
    return offered


def open_minutes(zone, weekly, overrides, busy, rules, first: datetime, count: int) -> list[bool]:
    """For each minute from ``first``: available, and clear of busy time (calls widened
    by the buffers)."""
    zone_info = ZoneInfo(zone)
    before, after = timedelta(minutes=rules.buffer_before_minutes), timedelta(minutes=rules.buffer_after_minutes)
    taken = [(item.start - before, item.end + after) if item.is_call else (item.start, item.end) for item in busy]
    flags = []
    for index in range(count):
        moment = first + MINUTE * index
        is_free = not any(start <= moment < end for start, end in taken)
        flags.append(is_free and _available(moment.astimezone(zone_info), weekly, overrides))
    return flags


def _available(local: datetime, weekly, overrides) -> bool:
    minute = local.hour * 60 + local.minute
    day = local.date()
    inside = any(r.weekday == day.weekday() and r.start_minute <= minute < r.end_minute for r in weekly)
    for override in overrides:
        if override.date != day:
            continue
        covers = override.is_whole_day or override.start_minute <= minute < override.end_minute
        if covers and override.kind != AVAILABLE:
            return False
        inside = inside or covers
    return inside


def _ceil_minute(moment: datetime) -> datetime:
    floor = moment.replace(second=0, microsecond=0)
    return floor if floor == moment else floor + MINUTE
