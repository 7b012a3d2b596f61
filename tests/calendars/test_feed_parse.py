"""Busy times read from feeds (pure: no database, no network)."""

import datetime as dt

from calendars.parse import busy_spans
from tests.calendars.ics_samples import calendar, event

UTC = dt.UTC
START = dt.datetime(2026, 1, 5, tzinfo=UTC)  # a Monday
END = START + dt.timedelta(days=366)

CUSTOM_ZONE = """BEGIN:VTIMEZONE
TZID:Office Time
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0530
TZOFFSETTO:+0530
END:STANDARD
END:VTIMEZONE"""


def test_a_busy_calendar_is_read_to_the_end_of_the_window():
    """Thirty short daily series are over 10,000 occurrences a year: none is dropped, so
    the last weeks do not look free."""
    series = [
        event(f"s{n}", f"DTSTART:20260105T{8 + n // 4:02d}{n % 4 * 15:02d}00Z", "DURATION:PT5M", "RRULE:FREQ=DAILY")
        for n in range(30)
    ]

    spans = busy_spans(calendar(*series).encode(), zone="UTC", start=START, end=END)

    last_day = END.date() - dt.timedelta(days=1)
    assert len(spans) == 30 * 366
    assert spans[-1] == (
        dt.datetime.combine(last_day, dt.time(15, 15), tzinfo=UTC),
        dt.datetime.combine(last_day, dt.time(15, 20), tzinfo=UTC),
    )


def test_a_custom_time_zone_with_a_deleted_and_a_moved_occurrence():
    series = event(
        "standup",
        "DTSTART;TZID=Office Time:20260105T090000",
        "DTEND;TZID=Office Time:20260105T100000",
        "RRULE:FREQ=DAILY;COUNT=3",
        "EXDATE;TZID=Office Time:20260106T090000",
    )
    moved = event(
        "standup",
        "RECURRENCE-ID;TZID=Office Time:20260107T090000",
        "DTSTART;TZID=Office Time:20260107T150000",
        "DTEND;TZID=Office Time:20260107T160000",
    )

    spans = busy_spans(calendar(series, moved, timezones=CUSTOM_ZONE).encode(), zone="UTC", start=START, end=END)

    def at(day: int, hour: int, minute: int) -> dt.datetime:
        return dt.datetime(2026, 1, day, hour, minute, tzinfo=UTC)

    assert spans == [(at(5, 3, 30), at(5, 4, 30)), (at(7, 9, 30), at(7, 10, 30))]
