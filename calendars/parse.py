"""Busy times of an external calendar feed (pure: no Django, no network).

Opaque, non-cancelled events between two instants, recurring series expanded (with
their EXDATE and RECURRENCE-ID exceptions), as merged UTC ``(start, end)`` pairs. An
all-day event blocks whole days and a floating time is read in the expert's own zone,
which is what the person who typed it meant (or in the feed's ``X-WR-TIMEZONE``, Google's
way of saying where its floating times are). A ``TZID`` is honoured when the feed defines
it in a VTIMEZONE and also when it does not but the name is an IANA zone (Google) or a
Windows zone such as "W. Europe Standard Time" (Outlook): icalendar resolves both. Any
other undefined name ("Customized Time Zone") is read like a floating time. A feed that
is not iCalendar raises ``FeedInvalid``; an event or series that cannot be read (no
DTSTART, a broken rule, a date out of range) is skipped, not fatal.

Each series is expanded once over the whole window. A rule can still ask for millions of
occurrences (``FREQ=SECONDLY``, a rule no date satisfies), which only a time limit
stops: the worker runs this in a child process it can kill (``calendars.feed_reader``).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

MAX_EVENTS = 20_000
# What a malformed event or rule raises while a series is built or expanded.
_BAD_SERIES = (KeyError, ValueError, TypeError, IndexError, OverflowError)


class FeedInvalid(ValueError):
    """The document is not a usable iCalendar feed."""


class _Query(recurring_ical_events.CalendarQuery):
    suppressed_errors = [*recurring_ical_events.CalendarQuery.suppressed_errors, *_BAD_SERIES]


def _instant(value, zone: ZoneInfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=zone)
    else:  # a DATE: midnight of that local day
        moment = dt.datetime.combine(value, dt.time(), tzinfo=zone)
    return moment.astimezone(dt.UTC)


def _span(event, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime] | None:
    start_value = event.get("DTSTART")
    if start_value is None:
        return None
    start_raw = start_value.dt
    end_value = event.get("DTEND")
    if end_value is not None:
        end_raw = end_value.dt
    elif event.get("DURATION") is not None:
        end_raw = start_raw + event["DURATION"].dt
    else:  # RFC 5545: a DATE lasts one day, a DATE-TIME without end takes no time
        end_raw = start_raw + dt.timedelta(days=1) if not isinstance(start_raw, dt.datetime) else start_raw
    start, end = _instant(start_raw, zone), _instant(end_raw, zone)
    return (start, end) if end > start else None


def _blocks_time(event) -> bool:
    return str(event.get("TRANSP", "OPAQUE")).upper() != "TRANSPARENT" and str(
        event.get("STATUS", "")
    ).upper() != "CANCELLED"


def merged(spans: list[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime, dt.datetime]]:
    result: list[tuple[dt.datetime, dt.datetime]] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def busy_spans(document: bytes, *, zone: str, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Busy UTC spans overlapping ``[start, end)`` (clipped to it), merged."""
    tz = ZoneInfo(zone)
    try:
        calendar = Calendar.from_ical(document)
    except (ValueError, IndexError, KeyError) as error:
        raise FeedInvalid(f"Not an iCalendar document: {error}") from error
    if calendar.name != "VCALENDAR":
        raise FeedInvalid("Not an iCalendar document: no VCALENDAR.")
    # Floating times are read in the expert's zone; the window in that zone too.
    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True, calendar_query=_Query)
        events = query.between(start.astimezone(tz).replace(tzinfo=None), end.astimezone(tz).replace(tzinfo=None))
    except _BAD_SERIES as error:
        raise FeedInvalid(f"The calendar could not be read: {error}") from error
    if len(events) > MAX_EVENTS:
        # Keeping only some would leave the rest of the window looking free.
        raise FeedInvalid(f"The calendar has more than {MAX_EVENTS} events in the coming year.")
    spans = []
    for event in events:
        try:
            span = _span(event, tz)
        except _BAD_SERIES:
            continue
        if span is not None and _blocks_time(event) and span[1] > start and span[0] < end:
            spans.append((max(span[0], start), min(span[1], end)))
    return merged(spans)
