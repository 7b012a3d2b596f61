"""Property tests of the slot engine (Hypothesis): random experts around real
daylight-saving changes and odd offsets, checked against a minute-by-minute oracle."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling.slots import (
    AVAILABLE,
    UNAVAILABLE,
    Availability,
    BookingRules,
    BusyInterval,
    DateOverride,
    WeeklyRange,
    busy_window,
    slot_starts,
)
from tests.scheduling.slot_engine_support import (
    MINUTE,
    UTC,
    open_minutes,
    oracle_slots,
    transitions,
    utc,
)

ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "Africa/Casablanca",
]
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

starts_of_day = st.one_of(st.integers(0, 95).map(lambda quarter: quarter * 15), st.integers(0, 1439))
lengths = st.one_of(st.sampled_from([60, 180, 480, 1440]), st.integers(1, 1440))
day_ranges = st.builds(lambda start, length: (start, min(start + length, 1440)), starts_of_day, lengths)
# mostly open days, some closed: an empty schedule tests little
day_schedules = st.sampled_from([0, 1, 1, 2]).flatmap(
    lambda count: st.lists(day_ranges, min_size=count, max_size=count)
)
window_lengths = st.one_of(st.sampled_from([6 * 60, 1440, 3 * 1440]), st.integers(0, 3 * 1440))


@dataclass(frozen=True)
class Scenario:
    zone: str
    weekly: list[WeeklyRange]
    overrides: list[DateOverride]
    busy: list[BusyInterval]
    duration: int
    rules: BookingRules
    now: datetime
    start: datetime
    end: datetime

    def slots(self, start: datetime | None = None, end: datetime | None = None, busy=None) -> list[datetime]:
        return slot_starts(
            availability=Availability(self.zone, self.weekly, self.overrides),
            rules=self.rules,
            busy=self.busy if busy is None else busy,
            duration_minutes=self.duration,
            now=self.now,
            window_start=start or self.start,
            window_end=end or self.end,
        )


@st.composite
def overrides_near(draw, first_day):
    day = first_day + timedelta(days=draw(st.integers(-1, 3)))
    if draw(st.integers(0, 3)) == 0:
        return DateOverride(day, UNAVAILABLE)
    start, end = draw(day_ranges)
    return DateOverride(day, draw(st.sampled_from([AVAILABLE, UNAVAILABLE])), start, end)


@st.composite
def busy_near(draw, moment):
    # mostly on the quarter-hour grid, so calls often sit exactly a buffer away from a slot
    quarter = moment.replace(minute=moment.minute // 15 * 15, second=0)
    start = quarter + timedelta(minutes=15 * draw(st.integers(-100, 370)) + draw(st.sampled_from([0, 0, 0, 5, 10])))
    length = timedelta(minutes=draw(st.one_of(st.sampled_from([15, 30, 45, 60, 90]), st.integers(5, 240))))
    return BusyInterval(start, start + length, is_call=draw(st.booleans()))


@st.composite
def scenarios(draw) -> Scenario:
    zone = draw(st.sampled_from(ZONES))
    anchors = [utc(2026, 6, 1)] + [instant for year in (2026, 2027) for instant, _, _ in transitions(zone, year)]
    start = draw(st.sampled_from(anchors)) + timedelta(
        minutes=draw(st.integers(-2 * 1440, 1440)), seconds=draw(st.sampled_from([0, 0, 30]))
    )
    end = start + timedelta(minutes=draw(window_lengths))
    weekly = [WeeklyRange(day, *pair) for day in range(7) for pair in draw(day_schedules)]
    first_day = start.astimezone(ZoneInfo(zone)).date()
    rules = BookingRules(
        min_notice_minutes=draw(st.sampled_from([0, 0, 60, 120, 600])),
        horizon_days=draw(st.sampled_from([1, 2, 3, 7, 60])),
        buffer_before_minutes=draw(st.sampled_from([0, 5, 15, 30, 60])),
        buffer_after_minutes=draw(st.sampled_from([0, 10, 15, 45])),
        daily_limit=draw(st.one_of(st.none(), st.integers(1, 3))),
    )
    return Scenario(
        zone=zone,
        weekly=weekly,
        overrides=draw(st.lists(overrides_near(first_day), max_size=4)),
        busy=draw(st.lists(busy_near(start), max_size=8)),
        duration=draw(st.one_of(st.sampled_from([15, 30, 45, 60, 90]), st.integers(1, 240))),
        rules=rules,
        now=start.replace(second=0)
        - timedelta(minutes=15 * draw(st.integers(-96, 192)), seconds=draw(st.sampled_from([0, 0, 1, -1]))),
        start=start,
        end=end,
    )


@SLOW
@given(scenarios())
def test_the_engine_offers_exactly_what_a_minute_by_minute_reading_of_the_spec_offers(scenario):
    expected = oracle_slots(
        zone=scenario.zone,
        weekly=scenario.weekly,
        overrides=scenario.overrides,
        busy=scenario.busy,
        duration=scenario.duration,
        rules=scenario.rules,
        now=scenario.now,
        start=scenario.start,
        end=scenario.end,
    )
    assert scenario.slots() == expected


@SLOW
@given(scenarios())
def test_no_offered_slot_with_its_buffers_leaves_available_time_or_touches_busy_time(scenario):
    slots = scenario.slots()
    if not slots:
        return
    rules = scenario.rules
    first = slots[0] - timedelta(minutes=rules.buffer_before_minutes)
    span = int((slots[-1] - first) / MINUTE) + scenario.duration + rules.buffer_after_minutes
    is_open = open_minutes(scenario.zone, scenario.weekly, scenario.overrides, scenario.busy, rules, first, span)
    for slot in slots:
        offset = int((slot - first) / MINUTE)
        assert all(
            is_open[offset - rules.buffer_before_minutes : offset + scenario.duration + rules.buffer_after_minutes]
        ), slot


@FAST
@given(scenarios())
def test_slots_are_sorted_unique_utc_and_on_the_experts_local_quarter_hours(scenario):
    slots = scenario.slots()
    assert slots == sorted(set(slots))
    for slot in slots:
        assert slot.tzinfo is UTC
        assert scenario.start <= slot < scenario.end
        local = slot.astimezone(ZoneInfo(scenario.zone))
        assert (local.minute % 15, local.second, local.microsecond) == (0, 0, 0)


@FAST
@given(scenarios(), st.integers(0, 2 * 1440), st.integers(0, 2 * 1440))
def test_widening_the_window_never_removes_a_slot_inside_the_old_one(scenario, earlier, later):
    wider = scenario.slots(scenario.start - MINUTE * earlier, scenario.end + MINUTE * later)
    assert [slot for slot in wider if scenario.start <= slot < scenario.end] == scenario.slots()


@FAST
@given(scenarios())
def test_busy_intervals_outside_the_busy_window_change_nothing(scenario):
    low, high = busy_window(
        timezone=scenario.zone,
        rules=scenario.rules,
        duration_minutes=scenario.duration,
        window_start=scenario.start,
        window_end=scenario.end,
    )
    relevant = [interval for interval in scenario.busy if interval.start < high and interval.end > low]
    assert scenario.slots(busy=relevant) == scenario.slots()
