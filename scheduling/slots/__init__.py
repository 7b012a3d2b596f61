"""The slot engine (SPEC §3): pure Python on the standard library, no Django, no database.

``slot_starts(...)`` answers "at which instants can a call of D minutes start?" as a
sorted list of unique aware UTC datetimes. The rules, in the order they apply:

Grid
    Candidate starts are the instants whose *expert-local* wall clock reads a quarter
    hour (hh:00, :15, :30, :45). In Asia/Kathmandu (+05:45) that is :15/:30/:45/:00 in
    UTC, in Asia/Kolkata (+05:30) :30/:00. A local time that does not exist (inside a
    spring-forward gap) is no instant at all, so it is never offered; a local time that
    repeats when clocks go back is two real instants, and both may be offered.

Available time
    Per local date: the weekly ranges of its weekday united with the date's
    ``available`` overrides (they *add* to the weekly hours, never replace them), minus
    its ``unavailable`` overrides (a range, or the whole day). Times are minutes after
    local midnight, 0–1440, 1440 meaning 24:00. Touching or overlapping ranges join,
    also across midnight (…–24:00 then 00:00–… is one stretch): 09–12 plus 12–17 admits
    a 60-minute call at 11:30. A range means every instant whose local wall clock lies
    in it on that date, so it lasts its real elapsed time: 01:00–04:00 on a
    spring-forward night is two real hours, on a fall-back night four.

Buffers and busy time
    A start S is offered only if ``[S - buffer_before, S + D + buffer_after)`` lies
    inside available time (the buffers too, as the SPEC says "plus buffers") and
    overlaps no busy interval, where a busy *call* is widened by the same buffers,
    ``[start - buffer_before, end + buffer_after)``. Two calls are therefore always
    separated by at least ``buffer_before + buffer_after`` (the after-call buffer of
    the first and the before-call buffer of the second are both kept free, as Cal.com
    does). External busy blocks (``is_call=False``) are not widened: the candidate's
    own buffers already keep clear of them.

Notice, horizon, window
    ``S >= now + min_notice_minutes`` and ``S <= now + horizon_days * 24 h`` (elapsed
    time, measured to the start, both ends inclusive), and
    ``window_start <= S < window_end``. A call may run past ``window_end``; what lies
    beyond still counts. Widening the window never removes a start inside the old one.

Daily limit
    When the expert's local date of S already holds ``daily_limit`` or more busy
    intervals flagged as calls (by their start, in the expert's zone), that date offers
    nothing. External busy blocks are not counted; offered slots are not counted either.

Callers pass every busy interval overlapping ``busy_window(...)`` for the window, and
turn a viewer's "dates first…last in my zone" into a UTC window with
``utc_window_for_dates(...)``.
"""

from scheduling.slots.engine import (
    GRID_MINUTES,
    busy_window,
    slot_start_seconds,
    slot_starts,
    utc_window_for_dates,
)
from scheduling.slots.inputs import (
    AVAILABLE,
    UNAVAILABLE,
    Availability,
    BookingRules,
    BusyInterval,
    DateOverride,
    WeeklyRange,
)
from scheduling.slots.zone import rfc3339_json_items, rfc3339_texts

__all__ = [
    "AVAILABLE",
    "GRID_MINUTES",
    "UNAVAILABLE",
    "Availability",
    "BookingRules",
    "BusyInterval",
    "DateOverride",
    "WeeklyRange",
    "busy_window",
    "rfc3339_json_items",
    "rfc3339_texts",
    "slot_start_seconds",
    "slot_starts",
    "utc_window_for_dates",
]
