"""The booking widget on an expert's public page: a month of days with free times, the
times of one day in the visitor's zone, then a summary of the chosen slot.

HTMX requests get the widget's body only; a plain request (no JavaScript) gets the same
content on a page of its own, so every step also works as ordinary links and forms.
"""

import datetime as dt
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import ExpertArea, ExpertProfile
from scheduling import selectors
from scheduling.presenters import clock_label, month_grid, times_by_date
from scheduling.timezones import aware_or_none, zone_or_none

MAX_HORIZON = dt.timedelta(days=366)  # no expert's horizon reaches further


def _expert_and_area(slug: str, area_id: str | None) -> tuple[ExpertProfile, ExpertArea]:
    # Imported here: the storefront's selectors import ours (the availability hook).
    from accounts.storefront.selectors import expert_public_get

    expert = expert_public_get(slug=slug)
    if expert is None:
        raise Http404(_("No such expert."))
    areas = expert.active_areas
    area = next((a for a in areas if str(a.pk) == area_id), None) if area_id else (areas[0] if areas else None)
    if area is None:
        raise Http404(_("This expert offers no such service."))
    return expert, area


def _zone(request) -> ZoneInfo:
    """The visitor's zone as their browser reported it; UTC when missing or unknown."""
    return zone_or_none(request.GET.get("tz", "")) or ZoneInfo("UTC")


def _month(text: str | None, today: dt.date) -> dt.date:
    """First day of the asked month ("YYYY-MM"), never before the current one nor past
    the longest booking horizon (a made-up month shows the current one)."""
    try:
        asked = dt.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        asked = today
    if asked > today + MAX_HORIZON:
        asked = today
    return max(asked, today).replace(day=1)


def _add_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _render(request, template: str, context: dict):
    """The widget's body for HTMX; for a plain request, a page with the whole widget."""
    context["query"] = urlencode({"area": context["area"].pk, "tz": context["zone"]})
    if request.htmx:
        context["step_heading_oob"] = _from_booking_page(request, context["expert"].slug)
        return render(request, template, context)
    from accounts.storefront.public import expert_page_url  # see _expert_and_area

    page = {**context, "body_template": template, "profile_url": expert_page_url(context["expert"])}
    return render(request, "scheduling/booking_page.html", page)


def _from_booking_page(request, slug: str) -> bool:
    """Whether an HTMX request comes from the booking page of its own, whose heading names
    the step (the profile's widget sits under a plain "Book a call")."""
    path = urlsplit(request.htmx.current_url_abs_path or "").path
    pages = ("scheduling:booking-calendar", "scheduling:booking-summary")
    return path in {reverse(name, args=[slug]) for name in pages}


@require_GET
def calendar(request, slug: str):
    """The month calendar of days with free times, and the times of the chosen day."""
    expert, area = _expert_and_area(slug, request.GET.get("area"))
    zone = _zone(request)
    today = timezone.now().astimezone(zone).date()
    first = _month(request.GET.get("month"), today)
    after = _add_month(first, 1)
    starts = selectors.slots_available(
        expert=expert, area=area, start_date=max(first, today), end_date=after - dt.timedelta(days=1), tz=zone
    )
    by_date = times_by_date(starts, zone)
    day = _chosen_day(request.GET.get("day"), by_date)
    context = {
        "expert": expert,
        "area": area,
        "zone": zone.key,
        "month": first,
        "weekday_names": [(WEEKDAYS_ABBR[day], WEEKDAYS[day]) for day in range(7)],
        "weeks": month_grid(first.year, first.month, open_dates=set(by_date), today=today),
        "day": day,
        "times": by_date.get(day, []),
        "previous_month": _add_month(first, -1) if first > today.replace(day=1) else None,
        "next_month": after if after <= today + dt.timedelta(days=expert.horizon_days) else None,
        "step": "time",
    }
    return _render(request, "scheduling/_booking_calendar.html", context)


def _chosen_day(text: str | None, by_date: dict) -> dt.date | None:
    try:
        asked = dt.date.fromisoformat(text or "")
    except ValueError:
        asked = None
    return asked if asked in by_date else min(by_date, default=None)


@require_GET
def summary(request, slug: str):
    """The chosen slot: service, expert, time in the visitor's zone and price."""
    expert, area = _expert_and_area(slug, request.GET.get("area"))
    zone = _zone(request)
    start = aware_or_none(request.GET.get("start", ""))
    if start is None:
        raise Http404(_("No such time."))
    start = start.astimezone(zone)
    if not timezone.now() <= start <= timezone.now() + MAX_HORIZON:
        raise Http404(_("No such time."))
    free = selectors.slots_available(expert=expert, area=area, start_date=start.date(), end_date=start.date(), tz=zone)
    # Elapsed time, not wall-clock time: an aware datetime plus a timedelta keeps the wall
    # clock, which is an hour off for a call running across a daylight-saving change.
    end = (start.astimezone(dt.UTC) + dt.timedelta(minutes=area.duration_minutes)).astimezone(zone)
    context = {
        "expert": expert,
        "area": area,
        "zone": zone.key,
        "start": start,
        "end": end,
        "start_label": clock_label(start),
        "end_label": clock_label(end),
        # compared in UTC: an aware time in a repeated hour never equals another zone's (PEP 495)
        "still_free": start.astimezone(dt.UTC) in free,
        "month": start.date().replace(day=1),
        "step": "confirm",
    }
    return _render(request, "scheduling/_booking_summary.html", context)
