"""The expert's availability editor: week grid, overrides, rules and a live preview.

Each change is an HTMX POST answered with the re-rendered part of the page (plus a toast
and an ``availability-changed`` event that refreshes the preview); without JavaScript
the same POST redirects back to the page, and messages carry the outcome.
"""

import datetime as dt
from functools import wraps
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import ExpertArea
from accounts.services import user_profile_update
from procusmeet.api.errors import ApplicationError
from procusmeet.errors import UserFacingPermissionDenied
from scheduling import selectors, services
from scheduling.forms import BookingRulesForm, OverrideForm, WeeklyRangeForm
from scheduling.models import Weekday, WeeklyRange
from scheduling.presenters import days_with_times, week_rows

CHANGED_EVENT = "availability-changed"
PREVIEW_DAYS = 7
RULE_FIELDS = list(BookingRulesForm.base_fields)


def expert_required(view):
    """Signed-in experts only; the view receives their profile after the request."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_expert:
            raise UserFacingPermissionDenied(_("Only experts have availability."))
        return view(request, request.user.expert_profile, *args, **kwargs)

    return wrapper


def _answer(request, template: str, context: dict, *, changed: bool):
    """The HTMX partial (with the change event), or back to the page without JS."""
    if not request.htmx:
        return redirect("scheduling:editor")
    response = render(request, template, {**context, "oob": True})
    if changed:
        response["HX-Trigger"] = CHANGED_EVENT
    return response


def _run(request, action, success: str) -> str | None:
    """Run a service call: ``None`` when it worked, else its error message."""
    try:
        action()
    except ApplicationError as error:
        messages.error(request, error.message)
        return error.message
    messages.success(request, success)
    return None


def _form_error(request, form) -> str:
    message = " ".join(str(error) for errors in form.errors.values() for error in errors)
    messages.error(request, message)
    return message


def _expert_today(expert) -> dt.date:
    return timezone.now().astimezone(ZoneInfo(expert.timezone)).date()


def _preview_context(expert, area_id: str | None) -> dict:
    """The next days of slots for one of the expert's active areas, in their own zone."""
    areas = list(ExpertArea.objects.filter(expert=expert, active=True))
    area = next((a for a in areas if str(a.pk) == area_id), areas[0] if areas else None)
    zone, today = ZoneInfo(expert.timezone), _expert_today(expert)
    days = []
    if area is not None:
        last = today + dt.timedelta(days=PREVIEW_DAYS - 1)
        starts = selectors.slots_available(expert=expert, area=area, start_date=today, end_date=last, tz=zone)
        days = days_with_times(starts, zone, first=today, count=PREVIEW_DAYS)
    return {"area": area, "areas": areas, "days": days, "zone": zone.key}


@require_GET
@expert_required
def editor(request, expert):
    rows = week_rows(selectors.weekly_ranges_of(expert=expert))
    context = {
        "expert": expert,
        "rows": rows,
        "has_weekly": any(row["ranges"] for row in rows),
        "overrides": selectors.overrides_upcoming(expert=expert),
        "override_form": OverrideForm(),
        "rules_form": BookingRulesForm(initial={name: getattr(expert, name) for name in RULE_FIELDS}),
        **_preview_context(expert, request.GET.get("area")),
    }
    return render(request, "scheduling/editor.html", context)


@require_GET
@expert_required
def preview(request, expert):
    return render(request, "scheduling/_preview.html", _preview_context(expert, request.GET.get("area")))


def _row_answer(request, expert, weekday: int, *, error: str | None, form=None):
    rows = week_rows(selectors.weekly_ranges_of(expert=expert))
    context = {
        "row": rows[weekday],
        "form": form,
        "error": error,
        "has_weekly": any(row["ranges"] for row in rows),
    }
    return _answer(request, "scheduling/_weekday_row_response.html", context, changed=error is None)


def _save_range(request, expert, weekday: int, action, success: str, *, keep_input: bool):
    form = WeeklyRangeForm(request.POST)
    if form.is_valid():
        error = _run(request, lambda: action(form.cleaned_data["start"], form.cleaned_data["end"]), success)
    else:
        error = _form_error(request, form)
    return _row_answer(request, expert, weekday, error=error, form=form if error and keep_input else None)


@require_POST
@expert_required
def weekly_add(request, expert, weekday: int):
    if weekday not in Weekday.values:
        raise Http404
    return _save_range(
        request,
        expert,
        weekday,
        lambda start, end: services.weekly_range_add(expert=expert, weekday=weekday, start_minute=start, end_minute=end),
        _("Added %(day)s hours.") % {"day": Weekday(weekday).label},
        keep_input=True,
    )


@require_POST
@expert_required
def weekly_update(request, expert, range_id: int):
    weekly_range = get_object_or_404(WeeklyRange, pk=range_id, expert=expert)
    return _save_range(
        request,
        expert,
        weekly_range.weekday,
        lambda start, end: services.weekly_range_update(expert=expert, range_id=range_id, start_minute=start, end_minute=end),
        _("Saved %(day)s hours.") % {"day": weekly_range.get_weekday_display()},
        keep_input=False,
    )


@require_POST
@expert_required
def weekly_delete(request, expert, range_id: int):
    weekly_range = get_object_or_404(WeeklyRange, pk=range_id, expert=expert)
    error = _run(
        request,
        lambda: services.weekly_range_delete(expert=expert, range_id=range_id),
        _("Removed %(day)s hours.") % {"day": weekly_range.get_weekday_display()},
    )
    return _row_answer(request, expert, weekly_range.weekday, error=error)


def _overrides_answer(request, expert, *, error: str | None, form=None):
    context = {"overrides": selectors.overrides_upcoming(expert=expert), "override_form": form or OverrideForm(), "error": error}
    return _answer(request, "scheduling/_overrides_response.html", context, changed=error is None)


@require_POST
@expert_required
def override_add(request, expert):
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _overrides_answer(request, expert, error=_form_error(request, form), form=form)
    data = form.cleaned_data
    error = _run(
        request,
        lambda: services.date_override_create(
            expert=expert, date=data["date"], kind=data["kind"], start_minute=data["start"], end_minute=data["end"]
        ),
        _("Saved the date."),
    )
    return _overrides_answer(request, expert, error=error, form=form if error else None)


@require_POST
@expert_required
def override_delete(request, expert, override_id: int):
    error = _run(request, lambda: services.date_override_delete(expert=expert, override_id=override_id), _("Removed the date."))
    return _overrides_answer(request, expert, error=error)


@require_POST
@expert_required
def rules_save(request, expert):
    """Booking rules go through the same service as ``PATCH /api/v1/me``."""
    form = BookingRulesForm(request.POST)
    error = None
    if form.is_valid():
        try:
            user_profile_update(user=request.user, changes=form.cleaned_data)
        except ApplicationError as failure:
            error = failure.message
            for field, field_errors in failure.fields.items():
                form.add_error(field if field in form.fields else None, field_errors)
    else:
        error = _("Check the booking rules.")
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Booking rules saved."))
    return _answer(request, "scheduling/_rules_response.html", {"rules_form": form}, changed=error is None)
