"""Time zones as real calendar apps publish them: an IANA ``TZID`` with no VTIMEZONE
block (Google), Windows zone names (Outlook / Exchange), and a name nobody defines."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from calendars.models import ExternalBusy
from calendars.parse import busy_spans
from tests.calendars.test_external_calendars import connect

UTC = dt.UTC
WINDOW = (dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2026, 12, 31, tzinfo=UTC))


def feed(*lines: str) -> bytes:
    """A feed without any VTIMEZONE, headed like the app that publishes it."""
    return ("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR"]) + "\r\n").encode()


def google_feed(first: dt.date = dt.date(2026, 3, 3)) -> bytes:
    """Google's "secret address in iCal format": zones named, never defined; a weekly
    series of three in New York (from 3 March 2026 it crosses the US clock change)."""
    return feed(
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Work",
        "X-WR-TIMEZONE:America/New_York",
        "BEGIN:VEVENT",
        f"DTSTART;TZID=America/New_York:{first:%Y%m%d}T090000",
        f"DTEND;TZID=America/New_York:{first:%Y%m%d}T100000",
        "RRULE:FREQ=WEEKLY;WKST=SU;COUNT=3",
        "DTSTAMP:20260101T120000Z",
        "UID:7kukuqrfedlm2f9t0vr42q2r8h@google.com",
        "SUMMARY:Weekly sync",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    )


def outlook_event(tzid: str, uid: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20260101T120000Z",
        f"DTSTART;TZID={tzid}:20260115T090000",
        f"DTEND;TZID={tzid}:20260115T100000",
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "END:VEVENT",
    ]


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=UTC)


def test_an_iana_tzid_without_a_definition_is_honoured_across_a_clock_change():
    # The expert is in Lagos: neither their zone nor UTC may stand in for New York.
    spans = busy_spans(google_feed(), zone="Africa/Lagos", start=WINDOW[0], end=WINDOW[1])

    assert spans == [(at(3, 3, 14), at(3, 3, 15)), (at(3, 10, 13), at(3, 10, 14)), (at(3, 17, 13), at(3, 17, 14))]


@pytest.mark.parametrize(
    ("tzid", "start"),
    [
        ("W. Europe Standard Time", at(1, 15, 8)),
        ("Eastern Standard Time", at(1, 15, 14)),
        ("India Standard Time", at(1, 15, 3, 30)),
        ("W. Central Africa Standard Time", at(1, 15, 8)),
    ],
)
def test_windows_zone_names_from_outlook_are_mapped(tzid, start):
    document = feed("PRODID:Microsoft Exchange Server 2010", *outlook_event(tzid, "outlook-1"))
    spans = busy_spans(document, zone="Asia/Tokyo", start=WINDOW[0], end=WINDOW[1])

    assert spans == [(start, start + dt.timedelta(hours=1))]


@pytest.mark.parametrize("tzid", ["Customized Time Zone", '"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"'])
def test_a_zone_name_nobody_defines_is_read_in_the_experts_zone(tzid):
    """Like a floating time: the expert's own wall clock is the best guess, and it is
    what they see in the app they typed the event into."""
    document = feed("PRODID:-//Tests//EN", *outlook_event(tzid, "custom-1"))

    assert busy_spans(document, zone="Asia/Tokyo", start=WINDOW[0], end=WINDOW[1]) == [(at(1, 15, 0), at(1, 15, 1))]


def test_floating_times_follow_the_feeds_x_wr_timezone():
    document = feed(
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "X-WR-TIMEZONE:America/New_York",
        "BEGIN:VEVENT",
        "UID:floating-1",
        "DTSTAMP:20260101T120000Z",
        "DTSTART:20260115T090000",
        "DTEND:20260115T100000",
        "END:VEVENT",
    )

    assert busy_spans(document, zone="Asia/Tokyo", start=WINDOW[0], end=WINDOW[1]) == [(at(1, 15, 14), at(1, 15, 15))]


@pytest.mark.django_db
def test_a_google_feed_without_zone_definitions_blocks_the_right_hours(
    feeds, bob_expert, django_capture_on_commit_callbacks
):
    """End to end through the worker's child process and the database."""
    first = dt.date.today() + dt.timedelta(days=7)
    url = feeds.publish("/basic.ics", google_feed(first))

    work = connect(bob_expert, url, django_capture_on_commit_callbacks)

    def new_york(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo("America/New_York")).astimezone(UTC)

    days = [first + dt.timedelta(weeks=n) for n in range(3)]
    expected = [(new_york(day, 9), new_york(day, 10)) for day in days]
    assert work.healthy, work.last_error
    assert list(ExternalBusy.objects.filter(user=bob_expert).order_by("start").values_list("start", "end")) == expected
