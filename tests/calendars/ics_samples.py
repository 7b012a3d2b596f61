"""Feeds as calendar apps publish them: all-day events, a weekly series with a deleted
and a moved occurrence, a Berlin time zone, floating times, free and cancelled events."""

BERLIN = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE"""


def calendar(*events: str, timezones: str = BERLIN) -> str:
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//Feed//EN", timezones, *events, "END:VCALENDAR"])
    return body.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n"


def event(uid: str, *lines: str) -> str:
    return "\n".join(["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", *lines, "END:VEVENT"])


def weekly_standup(first: str) -> str:
    """Mondays 09:00–10:00 Berlin for four weeks from ``first`` (YYYYMMDD); the second
    one deleted, the third moved to 15:00."""
    from datetime import date, timedelta

    day = date(int(first[:4]), int(first[4:6]), int(first[6:]))
    second, third = (day + timedelta(weeks=n) for n in (1, 2))
    return "\n".join(
        [
            event(
                "standup",
                f"DTSTART;TZID=Europe/Berlin:{first}T090000",
                f"DTEND;TZID=Europe/Berlin:{first}T100000",
                "RRULE:FREQ=WEEKLY;COUNT=4",
                f"EXDATE;TZID=Europe/Berlin:{second:%Y%m%d}T090000",
                "SUMMARY:Standup",
            ),
            event(
                "standup",
                f"RECURRENCE-ID;TZID=Europe/Berlin:{third:%Y%m%d}T090000",
                f"DTSTART;TZID=Europe/Berlin:{third:%Y%m%d}T150000",
                f"DTEND;TZID=Europe/Berlin:{third:%Y%m%d}T160000",
                "SUMMARY:Standup (moved)",
            ),
        ]
    )
