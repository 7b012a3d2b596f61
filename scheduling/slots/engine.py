"""The slot engine proper: availability, busy time and rules in, sorted UTC starts out.

Everything runs on integer UTC seconds and normalised interval lists
(``scheduling.slots.intervals``); the semantics are documented in ``scheduling.slots``.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduling.slots.inputs import (
    AVAILABLE,
    Availability,
    BookingRules,
    BusyInterval,
    require_aware,
)
from scheduling.slots.intervals import Interval, merge, subtract
from scheduling.slots.zone import (
    DAY,
    Piece,
    day_number,
    first_instant_of,
    offset_pieces,
    piece_offset,
    seconds_ceil,
    seconds_floor,
    utc_datetime,
    wall_to_utc,
    weekday_of,
)

GRID_MINUTES = 15
_GRID = GRID_MINUTES * 60
_STEP = timedelta(seconds=_GRID)
_BusySeconds = tuple[int, int, bool]


def slot_starts(
    *,
    availability: Availability,
    rules: BookingRules,
    busy: Iterable[BusyInterval],
    duration_minutes: int,
    now: datetime,
    window_start: datetime,
    window_end: datetime,
) -> list[datetime]:
    """Sorted, unique aware UTC starts in ``[window_start, window_end)`` at which a call of
    ``duration_minutes`` can be booked. ``busy`` must hold every interval overlapping
    ``busy_window(...)`` of the same window (more is harmless)."""
    points: list[datetime] = []
    for first, count in _start_runs(
        availability=availability,
        rules=rules,
        busy=busy,
        duration_minutes=duration_minutes,
        now=now,
        window_start=window_start,
        window_end=window_end,
    ):
        moment = utc_datetime(first)
        for _ in range(count):
            points.append(moment)
            moment += _STEP
    return points


def slot_start_seconds(**inputs) -> list[int]:
    """``slot_starts(**inputs)`` as integer UTC seconds: for callers that cache or format
    the starts themselves, without building a datetime per slot."""
    return [second for first, count in _start_runs(**inputs) for second in range(first, first + count * _GRID, _GRID)]


def _start_runs(
    *,
    availability: Availability,
    rules: BookingRules,
    busy: Iterable[BusyInterval],
    duration_minutes: int,
    now: datetime,
    window_start: datetime,
    window_end: datetime,
) -> list[tuple[int, int]]:
    """The starts as runs ``(first second, count)`` one grid step apart, in order."""
    require_aware(now=now, window_start=window_start, window_end=window_end)
    if duration_minutes <= 0:
        raise ValueError("duration_minutes must be positive.")
    before, after = rules.buffer_before_minutes * 60, rules.buffer_after_minutes * 60
    duration = duration_minutes * 60
    first = max(seconds_ceil(window_start), seconds_ceil(now) + rules.min_notice_minutes * 60)
    stop = min(seconds_ceil(window_end), seconds_floor(now) + rules.horizon_days * DAY + 1)
    if first >= stop:
        return []
    # instants a call with its buffers may touch, plus room for a whole local day each side
    pieces = offset_pieces(ZoneInfo(availability.timezone), first - before - 2 * DAY, stop + duration + after + 2 * DAY)
    open_time = wall_to_utc(_available_wall(availability, pieces), pieces)
    busy_seconds = [(seconds_floor(item.start), seconds_ceil(item.end), item.is_call) for item in busy]
    free = subtract(open_time, _busy_time(busy_seconds, before, after, pieces))
    starts = _start_ranges(free, first, stop, lead=before, tail=duration + after)
    if rules.daily_limit is not None:
        starts = subtract(starts, wall_to_utc(_full_days(busy_seconds, rules.daily_limit, pieces), pieces))
    return _grid_runs(starts, pieces)


def busy_window(
    *, timezone: str, rules: BookingRules, duration_minutes: int, window_start: datetime, window_end: datetime
) -> tuple[datetime, datetime]:
    """The UTC range whose overlapping busy intervals ``slot_starts`` needs for this window:
    those a call with its buffers could touch, and the calls of every local date a start
    may fall on (for the daily limit)."""
    require_aware(window_start=window_start, window_end=window_end)
    zone = ZoneInfo(timezone)
    reach = timedelta(minutes=rules.buffer_before_minutes + rules.buffer_after_minutes)
    first_day = window_start.astimezone(zone).date()
    after_last_day = window_end.astimezone(zone).date() + timedelta(days=1)
    return (
        min(window_start - reach, first_instant_of(zone, first_day)),
        max(window_end + timedelta(minutes=duration_minutes) + reach, first_instant_of(zone, after_last_day)),
    )


def utc_window_for_dates(timezone: str, first: date, last: date) -> tuple[datetime, datetime]:
    """``[start, end)`` in UTC covering the local dates ``first``…``last`` (inclusive) in
    ``timezone``: what a viewer means by "from first to last" in their own zone."""
    if last < first:
        raise ValueError("The last date comes before the first.")
    zone = ZoneInfo(timezone)
    return first_instant_of(zone, first), first_instant_of(zone, last + timedelta(days=1))


def _available_wall(availability: Availability, pieces: list[Piece]) -> list[Interval]:
    """Available time in wall seconds for every local date the pieces touch: sorted and
    disjoint, though 24:00 of one date may touch 00:00 of the next (``wall_to_utc`` joins)."""
    first_day = (pieces[0][0] + pieces[0][2]) // DAY
    last_day = (pieces[-1][1] + pieces[-1][2]) // DAY
    weekly: list[list[Interval]] = [[] for _ in range(7)]
    for weekly_range in availability.weekly:
        weekly[weekly_range.weekday].append((weekly_range.start_minute * 60, weekly_range.end_minute * 60))
    weekly = [merge(ranges) for ranges in weekly]
    extra, time_off = _overrides_by_day(availability, first_day, last_day)
    wall: list[Interval] = []
    for day in range(first_day, last_day + 1):
        midnight = day * DAY
        ranges = [(midnight + start, midnight + end) for start, end in weekly[weekday_of(day)]]
        if day in extra:
            ranges = merge(ranges + extra[day])
        if day in time_off:
            ranges = subtract(ranges, merge(time_off[day]))
        wall.extend(ranges)
    return wall


def _overrides_by_day(
    availability: Availability, first_day: int, last_day: int
) -> tuple[dict[int, list[Interval]], dict[int, list[Interval]]]:
    extra: dict[int, list[Interval]] = {}
    time_off: dict[int, list[Interval]] = {}
    for override in availability.overrides:
        day = day_number(override.date)
        if not first_day <= day <= last_day:
            continue
        midnight = day * DAY
        if override.is_whole_day:
            interval = (midnight, midnight + DAY)
        else:
            interval = (midnight + override.start_minute * 60, midnight + override.end_minute * 60)
        (extra if override.kind == AVAILABLE else time_off).setdefault(day, []).append(interval)
    return extra, time_off


def _busy_time(busy: list[_BusySeconds], before: int, after: int, pieces: list[Piece]) -> list[Interval]:
    """Busy time, calls widened by the expert's own buffers, limited to the pieces' span."""
    low, high = pieces[0][0], pieces[-1][1]
    taken: list[Interval] = []
    for start, end, is_call in busy:
        if is_call:
            start, end = start - before, end + after
        if start < high and end > low:
            taken.append((start, end))
    return merge(taken)


def _start_ranges(free: list[Interval], first: int, stop: int, *, lead: int, tail: int) -> list[Interval]:
    """Starts S (within ``[first, stop)``) with ``[S - lead, S + tail)`` inside one free interval."""
    starts: list[Interval] = []
    for free_start, free_end in free:
        start, end = max(free_start + lead, first), min(free_end - tail + 1, stop)
        if start < end:
            starts.append((start, end))
    return starts


def _full_days(busy: list[_BusySeconds], daily_limit: int, pieces: list[Piece]) -> list[Interval]:
    """Local dates (as wall-second days) already holding ``daily_limit`` calls or more."""
    low, high = pieces[0][0], pieces[-1][1]
    calls_per_day: Counter[int] = Counter()
    for start, _end, is_call in busy:
        if is_call and low <= start < high:
            calls_per_day[(start + piece_offset(pieces, start)) // DAY] += 1
    return [(day * DAY, (day + 1) * DAY) for day, calls in sorted(calls_per_day.items()) if calls >= daily_limit]


def _grid_runs(starts: list[Interval], pieces: list[Piece]) -> list[tuple[int, int]]:
    """Instants in ``starts`` whose local wall clock is a quarter hour (h:00/15/30/45:00), as
    runs ``(first, count)`` of points one grid step apart."""
    runs: list[tuple[int, int]] = []
    piece_index = 0
    for start, end in starts:
        while pieces[piece_index][1] <= start:
            piece_index += 1
        index = piece_index
        while index < len(pieces) and pieces[index][0] < end:
            piece_start, piece_end, offset = pieces[index]
            low, high = max(start, piece_start), min(end, piece_end)
            point = low + (-(low + offset)) % _GRID
            if point < high:
                runs.append((point, (high - 1 - point) // _GRID + 1))
            index += 1
    return runs
