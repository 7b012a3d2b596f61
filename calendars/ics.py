"""iCalendar (RFC 5545) for calls: invites, cancellations, subscription feeds, links.

Pure: no Django, no database; ``icalendar`` does the escaping and line folding. All
times are written in UTC (``…Z``). An invite's UID is stable per booking, and every
change a calendar must apply over an older copy carries a higher SEQUENCE (RFC 5546).
"""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//ProcusMeet//Calls//EN"
REQUEST, CANCEL = "REQUEST", "CANCEL"
CONFIRMED, TENTATIVE, CANCELLED = "CONFIRMED", "TENTATIVE", "CANCELLED"


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class CallEvent:
    uid: str
    sequence: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str
    url: str
    status: str = CONFIRMED
    organizer: Person | None = None
    attendees: tuple[Person, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for moment in (self.start, self.end):
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError("Calendar times must be aware datetimes.")
        if self.end <= self.start:
            raise ValueError("An event must end after it starts.")


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(person.name or person.email)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def _calendar(method: str | None = None, **extra: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    for key, value in extra.items():
        calendar.add(key, value)
    return calendar


def _event(call: CallEvent, *, now: dt.datetime, status: str, sequence: int, people: bool) -> Event:
    event = Event()
    event.add("uid", call.uid)
    event.add("dtstamp", _utc(now))
    event.add("dtstart", _utc(call.start))
    event.add("dtend", _utc(call.end))
    event.add("sequence", sequence)
    event.add("summary", call.summary)
    event.add("description", call.description)
    event.add("location", call.url)
    event.add("url", call.url)
    event.add("status", status)
    event.add("transp", "OPAQUE")
    if people and call.organizer is not None:
        event.add("organizer", _address(call.organizer))
        for attendee in call.attendees:
            event.add("attendee", _address(attendee, role="REQ-PARTICIPANT", partstat="ACCEPTED", rsvp="FALSE"))
    return event


def invite(call: CallEvent, *, method: str, now: dt.datetime) -> bytes:
    """An iTIP message: ``REQUEST`` (new or updated call) or ``CANCEL``. A cancellation
    keeps the UID and raises the SEQUENCE by one over the last invite."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"Unsupported iTIP method {method!r}.")
    calendar = _calendar(method)
    if method == CANCEL:
        # An event already marked cancelled carries that higher SEQUENCE itself.
        sequence = call.sequence if call.status == CANCELLED else call.sequence + 1
        calendar.add_component(_event(call, now=now, status=CANCELLED, sequence=sequence, people=True))
    else:
        calendar.add_component(_event(call, now=now, status=call.status, sequence=call.sequence, people=True))
    return calendar.to_ical()


def single_event(call: CallEvent, *, now: dt.datetime) -> bytes:
    """One event to import ("Add to calendar"): METHOD:PUBLISH, same UID as the invites."""
    calendar = _calendar("PUBLISH")
    calendar.add_component(_event(call, now=now, status=call.status, sequence=call.sequence, people=False))
    return calendar.to_ical()


def feed(calls: list[CallEvent], *, name: str, now: dt.datetime, refresh_minutes: int = 15) -> bytes:
    """A subscription feed: the whole calendar, replaced on every refresh (a call that
    was cancelled simply disappears)."""
    calendar = _calendar("PUBLISH", **{"x-wr-calname": name, "x-published-ttl": f"PT{refresh_minutes}M"})
    calendar.add("refresh-interval", dt.timedelta(minutes=refresh_minutes), parameters={"VALUE": "DURATION"})
    for call in calls:
        calendar.add_component(_event(call, now=now, status=call.status, sequence=call.sequence, people=False))
    return calendar.to_ical()


def google_calendar_link(call: CallEvent) -> str:
    """A "add to Google Calendar" address prefilled with the call."""
    stamp = "%Y%m%dT%H%M%SZ"
    query = {
        "action": "TEMPLATE",
        "text": call.summary,
        "dates": f"{_utc(call.start):{stamp}}/{_utc(call.end):{stamp}}",
        "details": f"{call.description}\n\n{call.url}",
        "location": call.url,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)
