"""Shapes for the scheduling templates: week rows, days with their times, month grids."""

import calendar
import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from scheduling.models import Weekday, WeeklyRange
from scheduling.wallclock import MINUTES_PER_DAY


def week_rows(ranges: list[WeeklyRange]) -> list[dict]:
    """Seven rows, Monday first, each with its ranges ready for time inputs (a picker
    cannot show 24:00, so the end of the day is shown as 00:00)."""
    rows = [{"weekday": day.value, "label": day.label, "ranges": []} for day in Weekday]
    for weekly_range in ranges:
        end_input = "00:00" if weekly_range.end_minute == MINUTES_PER_DAY else weekly_range.end
        rows[weekly_range.weekday]["ranges"].append(
            {"id": weekly_range.pk, "start": weekly_range.start, "end": weekly_range.end, "end_input": end_input}
        )
    return rows


def clock_label(local: dt.datetime) -> str:
    """"09:30" for a local time; when clocks go back and that wall time happens twice,
    the zone's abbreviation (or UTC offset) tells the two apart: "01:30 EDT", "01:30 EST"."""
    label = local.strftime("%H:%M")
    if local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset():
        return label
    name = local.tzname() or ""
    return f"{label} {name if name.isalpha() else 'UTC' + local.isoformat()[-6:]}"


def times_by_date(starts: list[dt.datetime], zone: ZoneInfo) -> dict[dt.date, list[dict]]:
    """Slots grouped by their date in ``zone``: ``{"iso": RFC 3339 in zone, "label": "09:30"}``."""
    grouped: dict[dt.date, list[dict]] = defaultdict(list)
    for start in starts:
        local = start.astimezone(zone)
        grouped[local.date()].append({"iso": local.isoformat(), "label": clock_label(local), "local": local})
    return grouped


def days_with_times(starts: list[dt.datetime], zone: ZoneInfo, *, first: dt.date, count: int) -> list[dict]:
    """``count`` consecutive dates from ``first`` with their slots (possibly none)."""
    grouped = times_by_date(starts, zone)
    dates = [first + dt.timedelta(days=offset) for offset in range(count)]
    return [{"date": day, "times": grouped.get(day, [])} for day in dates]


def month_grid(year: int, month: int, *, open_dates: set[dt.date], today: dt.date) -> list[list[dict | None]]:
    """Weeks (Monday first) of the month; each cell ``None`` outside the month, else the
    date, whether it has free times and whether it has passed."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [
            None
            if day.month != month
            else {"date": day, "open": day in open_dates, "past": day < today, "today": day == today}
            for day in week
        ]
        for week in weeks
    ]
