"""Text that calendars must get back exactly: long titles in scripts of several bytes a
character, and the characters iCalendar escapes (RFC 5545 §3.3.11, §3.1 folding)."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import icalendar

from calendars import ics

START = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30)))
NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
TITLE = "Été, naïve; 中文字符中文字符中文字符中文字符 😀😀😀 back\\slash\nand a new line " * 2


def call() -> ics.CallEvent:
    return ics.CallEvent(
        uid="booking-9@procusmeet.example",
        sequence=0,
        start=START,
        end=START + dt.timedelta(minutes=30),
        summary=TITLE,
        description=TITLE,
        url="https://procusmeet.example/calls/9/lobby/",
        organizer=ics.Person("ProcusMeet", "no-reply@procusmeet.example"),
        attendees=(ics.Person("Zoë, Müller; “Z”", "zoe@example.com"),),
    )


def test_long_text_in_many_scripts_is_escaped_and_folded_without_splitting_a_character():
    for document in (
        ics.invite(call(), method=ics.REQUEST, now=NOW),
        ics.single_event(call(), now=NOW),
        ics.feed([call()], name="Calls, mine; all", now=NOW),
    ):
        lines = document.split(b"\r\n")
        assert all(len(line) <= 75 for line in lines)
        assert all(line.decode("utf-8") for line in lines if line)  # no character cut in two
        assert b"\n" not in document.replace(b"\r\n", b"")
        unfolded = document.replace(b"\r\n ", b"")
        assert "SUMMARY:Été\\, naïve\\; 中文".encode() in unfolded and b"back\\\\slash\\nand" in unfolded

        [event] = icalendar.Calendar.from_ical(document).walk("VEVENT")
        assert str(event["SUMMARY"]) == str(event["DESCRIPTION"]) == TITLE
        assert event.decoded("DTSTART") == START and b"DTSTART:20260329T050000Z" in document


def test_the_google_link_carries_the_same_text_and_utc_times():
    query = parse_qs(urlsplit(ics.google_calendar_link(call())).query)

    assert query["text"] == [TITLE] and query["location"] == ["https://procusmeet.example/calls/9/lobby/"]
    assert query["dates"] == ["20260329T050000Z/20260329T053000Z"]
    assert query["details"] == [f"{TITLE}\n\nhttps://procusmeet.example/calls/9/lobby/"]
