"""Busy times of an external calendar feed (pure: no Django, no network).

Opaque, non-cancelled events between two instants, recurring series expanded (with
their EXDATE and RECURRENCE-ID exceptions), as merged UTC ``(start, end)`` pairs. An
all-day event blocks whole days and a floating time is read in the expert's own zone,
which is what the person who typed it meant. A feed that is not iCalendar raises
``FeedInvalid``; a series that cannot be expanded is skipped, not fatal.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

MAX_EVENTS = 5000


class FeedInvalid(ValueError):
    """The document is not a usable iCalendar feed."""


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
    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    spans = []
    try:
        for count, event in enumerate(query.after(start.astimezone(tz).replace(tzinfo=None))):
            span = _span(event, tz)
            if span is not None and span[0] >= end:
                break
            if count >= MAX_EVENTS:
                break
            if span is not None and _blocks_time(event) and span[1] > start:
                spans.append((max(span[0], start), min(span[1], end)))
    except (ValueError, TypeError) as error:
        raise FeedInvalid(f"The calendar could not be read: {error}") from error
    return merged(spans)
