"""The engine's starts as integer seconds and as RFC 3339 text: exactly what the datetime
way of writing them gives (pure, no database)."""

from datetime import UTC, date, datetime
from itertools import accumulate
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduling.slots import (
    Availability,
    rfc3339_json_items,
    rfc3339_texts,
    slot_start_seconds,
    slot_starts,
)
from tests.scheduling.test_slot_engine_properties import FAST, ZONES, scenarios

# Zones with odd offsets, daylight saving both ways, and old local mean times with seconds
# in their offsets (Amsterdam +00:19:32 until 1937, Monrovia −00:44:30 until 1972).
TEXT_ZONES = [*ZONES, "Europe/Amsterdam", "Africa/Monrovia", "America/Sao_Paulo", "Asia/Tehran", "Etc/GMT-14"]
instants = st.integers(int(datetime(1900, 1, 1, tzinfo=UTC).timestamp()), int(datetime(2100, 1, 1, tzinfo=UTC).timestamp()))


@FAST
@given(scenario=scenarios())
def test_the_seconds_are_the_starts(scenario):
    inputs = {
        "availability": Availability(scenario.zone, scenario.weekly, scenario.overrides),
        "rules": scenario.rules,
        "busy": scenario.busy,
        "duration_minutes": scenario.duration,
        "now": scenario.now,
        "window_start": scenario.start,
        "window_end": scenario.end,
    }
    assert slot_start_seconds(**inputs) == [int(start.timestamp()) for start in slot_starts(**inputs)]


@FAST
@given(zone=st.sampled_from(TEXT_ZONES), first=instants, steps=st.lists(st.integers(0, 40 * 86400), max_size=300))
def test_the_texts_are_what_isoformat_writes(zone, first, steps):
    seconds, moment = [], first
    for step in steps:  # sorted, with repeats, across a year or more
        moment += step
        seconds.append(moment)
    expected = [datetime.fromtimestamp(second, ZoneInfo(zone)).isoformat() for second in seconds]
    assert rfc3339_texts(seconds, ZoneInfo(zone)) == expected


def test_offsets_with_seconds_and_negative_ones_are_written_out():
    assert rfc3339_texts([-1_500_000_000, 0], ZoneInfo("Africa/Monrovia")) == [
        "1922-06-20T20:35:30-00:44:30",
        "1969-12-31T23:15:30-00:44:30",
    ]
    assert rfc3339_texts([], ZoneInfo("UTC")) == []


def items_the_plain_way(seconds: list[int], zone: ZoneInfo) -> tuple[str, list[int]]:
    """What ``rfc3339_json_items`` replaced: each text in quotes, joined, and the running
    sum of the items' lengths (each plus its quotes and comma)."""
    texts = [datetime.fromtimestamp(second, zone).isoformat() for second in seconds]
    positions = list(accumulate([len(text) + 3 for text in texts[:-1]], initial=0)) if texts else []
    return ('"' + '","'.join(texts) + '"' if texts else ""), positions


def quarter_hours(zone: ZoneInfo, first: datetime, days: int) -> list[int]:
    """Every instant whose local clock in ``zone`` reads a quarter hour, for ``days`` local
    days from ``first``'s midnight: the slot grid, both passes of a repeated hour."""
    start = int(first.replace(tzinfo=UTC).timestamp()) - 16 * 3600
    return [
        second
        for second in range(start, start + (days + 2) * 86400, 60)
        if datetime.fromtimestamp(second, zone).minute % 15 == 0 and datetime.fromtimestamp(second, zone).second == 0
    ]


@FAST
@given(zone=st.sampled_from(TEXT_ZONES), first=instants, steps=st.lists(st.integers(0, 3 * 86400), max_size=300))
def test_the_json_items_are_the_texts_quoted_and_joined(zone, first, steps):
    seconds, moment = [], first
    for step in steps:  # sorted, with repeats, within a day and across many
        moment += step
        seconds.append(moment)
    items, positions = rfc3339_json_items(seconds, ZoneInfo(zone))
    assert (items, list(positions)) == items_the_plain_way(seconds, ZoneInfo(zone))


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("Asia/Kathmandu", date(2026, 3, 29)),  # +05:45
        ("Pacific/Chatham", date(2026, 4, 5)),  # +13:45 → +12:45
        ("Pacific/Chatham", date(2026, 9, 27)),  # +12:45 → +13:45
        ("Australia/Lord_Howe", date(2026, 4, 5)),  # half an hour back
        ("Australia/Lord_Howe", date(2026, 10, 4)),  # half an hour forward
        ("Europe/London", date(2026, 3, 29)),
        ("Europe/London", date(2026, 10, 25)),
        ("America/St_Johns", date(2026, 11, 1)),  # −02:30 → −03:30
        ("Asia/Kolkata", date(2026, 12, 1)),
        ("Africa/Casablanca", date(2026, 2, 15)),  # Ramadan's change of offset
        ("Africa/Monrovia", date(1972, 1, 6)),  # −00:44:30 → 00:00
    ],
)
def test_the_json_items_of_the_slot_grid_on_odd_and_changing_offsets(zone, day):
    seconds = quarter_hours(ZoneInfo(zone), datetime(day.year, day.month, day.day), days=3)
    items, positions = rfc3339_json_items(seconds, ZoneInfo(zone))
    assert (items, list(positions)) == items_the_plain_way(seconds, ZoneInfo(zone))
    assert items.count('","') == len(seconds) - 1


def test_no_instants_make_no_items():
    items, positions = rfc3339_json_items([], ZoneInfo("UTC"))
    assert (items, list(positions)) == ("", [])
