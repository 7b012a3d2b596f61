"""Calendar pages: the private feed (and its address), external calendars with their
health, the "Add to calendar" download of a booking. HTMX swaps the sections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from calendars import selectors, services
from calendars.errors import CalendarInvalid, CalendarLimitReached, CalendarNotFound
from calendars.invites import booking_ics_download, feed_document
from procusmeet.api.errors import NotFound

ICS_TYPE = "text/calendar; charset=utf-8"


def _context(request, **extra) -> dict:
    return {
        "feed": selectors.feed_of(user=request.user),
        "calendars": selectors.external_calendars_of(user=request.user) if request.user.is_expert else None,
        **extra,
    }


def _answer(request, *, partial: str, **extra):
    """HTMX gets the section again (plus the toast); a plain form post goes back to the page."""
    if request.htmx:
        return render(request, partial, _context(request, **extra))
    return redirect("calendars:index")


@login_required
@require_GET
def index(request):
    return render(request, "calendars/index.html", _context(request))


@login_required
@require_POST
def feed_regenerate(request):
    services.feed_token_regenerate(user=request.user)
    messages.success(request, _("Your calendar address is ready. Any older address no longer works."))
    return _answer(request, partial="calendars/_feed_swap.html")


@login_required
@require_POST
def feed_revoke(request):
    services.feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address is turned off."))
    return _answer(request, partial="calendars/_feed_swap.html")


def _expert_only(request) -> None:
    if not request.user.is_expert:
        raise Http404(_("Only experts connect external calendars."))


@login_required
@require_POST
def external_add(request):
    _expert_only(request)
    try:
        services.external_calendar_add(user=request.user, name=request.POST.get("name", ""), url=request.POST.get("url", ""))
    except (CalendarInvalid, CalendarLimitReached) as error:
        context = _context(request, form_error=error.message, form_values=request.POST)
        return render(request, "calendars/_external_swap.html" if request.htmx else "calendars/index.html", context, status=400)
    messages.success(request, _("Calendar connected. Its busy times will block your slots within a minute."))
    return _answer(request, partial="calendars/_external_swap.html")


@login_required
@require_POST
def external_remove(request, calendar_id: int):
    _expert_only(request)
    try:
        services.external_calendar_remove(user=request.user, calendar_id=calendar_id)
    except CalendarNotFound as error:
        raise Http404(error.message) from error
    messages.success(request, _("Calendar removed. Its busy times no longer block your slots."))
    return _answer(request, partial="calendars/_external_swap.html")


@login_required
@require_POST
def external_refresh(request, calendar_id: int):
    from calendars.tasks import refresh_external_calendar

    _expert_only(request)
    if not selectors.external_calendars_of(user=request.user).filter(pk=calendar_id).exists():
        raise Http404(_("No such calendar."))
    refresh_external_calendar.delay(calendar_id)
    messages.success(request, _("Fetching the calendar now."))
    return _answer(request, partial="calendars/_external_swap.html")


@never_cache
@require_safe
def feed(request, token: str):
    """The private subscription feed: the token in the address is the only key. HEAD is
    answered like GET (HTTP asks it of every GET resource; link checkers rely on it)."""
    found = selectors.feed_by_token(token=token)
    if found is None:
        raise Http404(_("No such calendar."))
    services.feed_mark_read(feed=found)
    bookings = selectors.feed_bookings(user=found.user, now=timezone.now())
    response = HttpResponse(feed_document(user=found.user, bookings=bookings), content_type=ICS_TYPE)
    response["Content-Disposition"] = 'inline; filename="procusmeet.ics"'
    return response


@login_required
@require_GET
def booking_download(request, booking_id: int):
    """"Add to calendar": the booking as one event, for participants only."""
    from scheduling.bookings.selectors import booking_get_for

    try:
        booking = booking_get_for(user=request.user, booking_id=booking_id)
    except NotFound as error:
        raise Http404(error.message) from error
    response = HttpResponse(booking_ics_download(booking, viewer=request.user), content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="procusmeet-booking-{booking.pk}.ics"'
    return response
