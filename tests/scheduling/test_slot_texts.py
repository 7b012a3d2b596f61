"""The engine's starts as integer seconds and as RFC 3339 text: exactly what the datetime
way of writing them gives (pure, no database)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from scheduling.slots import Availability, rfc3339_texts, slot_start_seconds, slot_starts
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
