"""The pure iCalendar builder: parsed back by ``icalendar`` exactly as meant."""

import datetime as dt

import icalendar
import pytest

from calendars import ics

START = dt.datetime(2026, 10, 21, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # 13:30 UTC
NOW = dt.datetime(2026, 10, 1, 8, 0, 5, tzinfo=dt.UTC)


def call(**changes) -> ics.CallEvent:
    values = {
        "uid": "booking-7@procusmeet.example",
        "sequence": 2,
        "start": START,
        "end": START + dt.timedelta(minutes=45),
        "summary": "Career advice with Bob; the “long” one, really",
        "description": "Join here: https://procusmeet.example/calls/7/\nBring your CV, please.",
        "url": "https://procusmeet.example/calls/7/",
        "organizer": ics.Person("ProcusMeet", "no-reply@procusmeet.example"),
        "attendees": (ics.Person("Bob Expert", "bob@example.com"), ics.Person("Alice, Client", "alice@example.com")),
    }
    return ics.CallEvent(**{**values, **changes})


def parsed(document: bytes):
    calendar = icalendar.Calendar.from_ical(document)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_an_invite_round_trips_with_utc_times_and_escaped_text():
    document = ics.invite(call(), method=ics.REQUEST, now=NOW)
    calendar, event = parsed(document)

    assert calendar["METHOD"] == "REQUEST" and calendar["VERSION"] == "2.0" and calendar["PRODID"] == ics.PRODID
    assert b"DTSTART:20261021T133000Z" in document and b"DTEND:20261021T141500Z" in document
    assert b"DTSTAMP:20261001T080005Z" in document
    assert str(event["SUMMARY"]) == "Career advice with Bob; the “long” one, really"
    assert str(event["DESCRIPTION"]) == "Join here: https://procusmeet.example/calls/7/\nBring your CV, please."
    assert str(event["LOCATION"]) == str(event["URL"]) == "https://procusmeet.example/calls/7/"
    assert int(event["SEQUENCE"]) == 2 and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:no-reply@procusmeet.example"
    assert [a.params["CN"] for a in event["ATTENDEE"]] == ["Bob Expert", "Alice, Client"]
    assert all(len(line) <= 75 for line in document.split(b"\r\n"))  # folded as RFC 5545 says


def test_a_cancellation_keeps_the_uid_and_raises_the_sequence():
    calendar, event = parsed(ics.invite(call(), method=ics.CANCEL, now=NOW))

    assert calendar["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "booking-7@procusmeet.example" and int(event["SEQUENCE"]) == 3


def test_a_download_and_a_feed_carry_no_attendees():
    _calendar, single = parsed(ics.single_event(call(status=ics.TENTATIVE), now=NOW))
    assert "ATTENDEE" not in single and str(single["STATUS"]) == "TENTATIVE"

    feed = icalendar.Calendar.from_ical(ics.feed([call(), call(uid="booking-8@x")], name="My calls", now=NOW))
    assert str(feed["X-WR-CALNAME"]) == "My calls" and feed["REFRESH-INTERVAL"].dt == dt.timedelta(minutes=15)
    assert [str(event["UID"]) for event in feed.walk("VEVENT")] == ["booking-7@procusmeet.example", "booking-8@x"]


def test_times_without_a_zone_are_refused():
    with pytest.raises(ValueError, match="aware"):
        call(start=dt.datetime(2026, 10, 21, 14, 30), end=dt.datetime(2026, 10, 21, 15, 0))
    with pytest.raises(ValueError, match="iTIP"):
        ics.invite(call(), method="PUBLISH", now=NOW)


def test_the_google_calendar_link_has_the_utc_times():
    link = ics.google_calendar_link(call())

    assert link.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
    assert "dates=20261021T133000Z%2F20261021T141500Z" in link
