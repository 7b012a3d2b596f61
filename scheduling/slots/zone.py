"""Instants as integer UTC seconds, and the mapping between wall-clock time and instants.

A zone's offset is constant between two transitions, so the timeline splits into
*pieces* ``(start, end, offset)``. Within a piece the local wall clock is simply
``instant + offset`` ("wall seconds": a naive local datetime counted like an epoch), which
turns every per-date conversion into integer arithmetic and makes daylight-saving days
exact: a wall-clock range maps to the instants whose local time falls inside it, so a
skipped hour contributes nothing and a repeated hour contributes both of its passes.
"""

import math
from array import array
from bisect import bisect_left, bisect_right
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from zoneinfo import ZoneInfo

from scheduling.slots.intervals import Interval, merge

DAY = 24 * 60 * 60
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_THURSDAY = 3  # 1970-01-01, day number 0
_SECOND = timedelta(seconds=1)
_end_of = itemgetter(1)

Piece = tuple[int, int, int]


def seconds_floor(moment: datetime) -> int:
    """Whole UTC seconds at or before an aware datetime."""
    return math.floor(moment.timestamp())


def seconds_ceil(moment: datetime) -> int:
    return math.ceil(moment.timestamp())


def utc_datetime(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def day_number(day: date) -> int:
    """Days since 1970-01-01; ``day_number(d) * DAY`` is that date's midnight in wall seconds."""
    return day.toordinal() - _EPOCH_ORDINAL


def weekday_of(day: int) -> int:
    """0 = Monday … 6 = Sunday, for a day number."""
    return (day + _THURSDAY) % 7


def offset_at(zone: ZoneInfo, seconds: int) -> int:
    return datetime.fromtimestamp(seconds, zone).utcoffset() // _SECOND


def offset_pieces(zone: ZoneInfo, start: int, end: int) -> list[Piece]:
    """The constant-offset pieces covering ``[start, end)``.

    The offset is sampled once a day and each change is located to the second by
    bisection; tzdata never changes an offset twice within 24 hours, and sampling daily
    (not only at both ends) still sees two changes that cancel out, e.g. Morocco's
    Ramadan suspension inside a two-month window.
    """
    pieces: list[Piece] = []
    last = end - 1
    piece_start, offset = start, offset_at(zone, start)
    probe = start
    while probe < last:
        sample = min(probe + DAY, last)
        if offset_at(zone, sample) == offset:
            probe = sample
            continue
        change = _first_change(zone, probe, sample, offset)
        pieces.append((piece_start, change, offset))
        piece_start, offset, probe = change, offset_at(zone, change), change
    pieces.append((piece_start, end, offset))
    return pieces


def _first_change(zone: ZoneInfo, before: int, after: int, offset: int) -> int:
    """First second in ``(before, after]`` whose offset is no longer ``offset``."""
    while after - before > 1:
        middle = (before + after) // 2
        if offset_at(zone, middle) == offset:
            before = middle
        else:
            after = middle
    return after


def piece_offset(pieces: list[Piece], seconds: int) -> int:
    """Offset at an instant inside the pieces' span."""
    return pieces[max(bisect_right(pieces, seconds, key=itemgetter(0)) - 1, 0)][2]


def wall_to_utc(wall: list[Interval], pieces: list[Piece]) -> list[Interval]:
    """The instants (within the pieces) whose local wall clock lies in ``wall`` (sorted,
    pairs may touch), as a normalised list."""
    instants: list[Interval] = []
    for piece_start, piece_end, offset in pieces:
        low, high = piece_start + offset, piece_end + offset
        index = bisect_right(wall, low, key=_end_of)
        while index < len(wall) and wall[index][0] < high:
            start, end = wall[index]
            instants.append((max(start, low) - offset, min(end, high) - offset))
            index += 1
    # join touching parts: a range running through a transition arrives as two, and
    # 24:00 of one date meets 00:00 of the next, so a call may run across either
    return merge(instants)


def first_instant_of(zone: ZoneInfo, day: date) -> datetime:
    """The first instant whose local date is ``day`` or later (local midnight, or the end
    of a daylight-saving gap that swallows midnight)."""
    midnight = day_number(day) * DAY
    pieces = offset_pieces(zone, midnight - 2 * DAY, midnight + 4 * DAY)
    return utc_datetime(wall_to_utc([(midnight, midnight + 3 * DAY)], pieces)[0][0])


def rfc3339_texts(seconds: list[int], zone: ZoneInfo) -> list[str]:
    """Sorted UTC seconds as local times in ``zone``, character for character what
    ``datetime.fromtimestamp(second, zone).isoformat()`` writes ("2026-03-29T02:00:00+01:00"),
    without a datetime per instant: the offset comes from the zone's pieces, and each local
    date and each time of day is formatted once."""
    if not seconds:
        return []
    pieces = offset_pieces(zone, seconds[0], seconds[-1] + 1)
    texts: list[str] = []
    dates: dict[int, str] = {}
    clocks: dict[int, str] = {}
    index, piece_end, offset = 0, pieces[0][1], pieces[0][2]
    suffix = _offset_text(offset)
    for second in seconds:
        while second >= piece_end:
            index += 1
            _start, piece_end, offset = pieces[index]
            suffix = _offset_text(offset)
        day, clock = divmod(second + offset, DAY)
        day_text = dates.get(day)
        if day_text is None:
            day_text = dates[day] = date.fromordinal(day + _EPOCH_ORDINAL).isoformat() + "T"
        clock_text = clocks.get(clock)
        if clock_text is None:
            hours, rest = divmod(clock, 3600)
            clock_text = clocks[clock] = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
        texts.append(day_text + clock_text + suffix)
    return texts


def rfc3339_json_items(seconds: list[int], zone: ZoneInfo) -> tuple[str, array]:
    """The content of the JSON array of ``rfc3339_texts(seconds, zone)`` (``"…","…"``, no
    brackets) and the index at which each item's opening quote stands in it.

    The same characters, written a local day at a time: within one offset piece every
    item has the same length, and a day's items differ only in their time of day, so one
    ``str.join`` writes the day and one ``range`` gives its positions (the slots answer's
    cache miss formats a few thousand starts; per-item concatenation was most of it)."""
    positions = array("I")
    if not seconds:
        return "", positions
    days: list[str] = []
    low, position = 0, 0
    for _piece_start, piece_end, offset in offset_pieces(zone, seconds[0], seconds[-1] + 1):
        high = bisect_left(seconds, piece_end, low)
        if low == high:
            continue
        suffix = _offset_text(offset)
        size = 22 + len(suffix)  # quotes, "YYYY-MM-DDT", "HH:MM:SS", the offset and a comma
        positions.extend(range(position, position + (high - low) * size, size))
        position += (high - low) * size
        while low < high:
            day = (seconds[low] + offset) // DAY
            midnight = day * DAY - offset  # the instant the local clock reads 00:00 that day
            end = bisect_left(seconds, midnight + DAY, low, high)
            day_text = date.fromordinal(day + _EPOCH_ORDINAL).isoformat() + "T"
            try:
                clocks = [_CLOCK_TEXTS[second - midnight] for second in seconds[low:end]]
            except KeyError:  # off the quarter hours: written once, kept for next time
                clocks = [_clock_text(second - midnight) for second in seconds[low:end]]
            days.append(f'"{day_text}' + f'{suffix}","{day_text}'.join(clocks) + f'{suffix}"')
            low = end
    return ",".join(days), positions


def _clock_text(clock: int) -> str:
    """"HH:MM:SS" for seconds after local midnight (remembered: at most 86,400 of them)."""
    text = _CLOCK_TEXTS.get(clock)
    if text is None:
        hours, rest = divmod(clock, 3600)
        text = _CLOCK_TEXTS[clock] = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    return text


# A plain dict (a subclass with __missing__ is slower to index), holding the slot grid's
# quarter hours from the start.
_CLOCK_TEXTS: dict[int, str] = {}
for _quarter in range(0, DAY, 15 * 60):
    _clock_text(_quarter)
del _quarter


def _offset_text(offset: int) -> str:
    """``+HH:MM`` (``+HH:MM:SS`` for an offset with seconds, as in old local mean times)."""
    hours, rest = divmod(abs(offset), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{'-' if offset < 0 else '+'}{hours:02d}:{minutes:02d}"
    return f"{text}:{seconds:02d}" if seconds else text
