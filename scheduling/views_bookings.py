"""Booking pages: confirm and pay, "My bookings", and each booking with its timeline.

Every action is a plain POST form that calls one service and redirects back with a
message (so it works without JavaScript); HTMX is not needed for any of it. Times show
in the viewer's zone: the expert's own, or the client's profile zone.
"""

import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import ExpertArea
from accounts.selectors import user_zone
from payments.models import PaymentStatus
from procusmeet.api.errors import ApplicationError
from scheduling import selectors
from scheduling.bookings import reschedules, transitions
from scheduling.bookings.errors import BookingNotFound
from scheduling.bookings.selectors import booking_events, booking_get_for, bookings_grouped, open_proposal_of
from scheduling.bookings.services import booking_create
from scheduling.bookings.states import ACTIVE_STATUSES, PENDING
from scheduling.bookings.steps import EXPERT, role_of
from scheduling.presenters import times_by_date
from scheduling.timezones import aware_or_none, zone_or_none

RESCHEDULE_DAYS = 14


@require_POST
def booking_confirm(request):
    """The summary's "Confirm and pay": book, then off to the checkout."""
    area_id = request.POST.get("area", "")
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    is_id = area_id.isascii() and area_id.isdigit()
    area = ExpertArea.objects.select_related("expert").filter(pk=area_id).first() if is_id else None
    start = aware_or_none(request.POST.get("start", ""))
    if area is None or start is None:
        raise Http404(_("No such time."))
    zone = zone_or_none(request.POST.get("tz", "")) or ZoneInfo("UTC")
    query = urlencode({"area": area.pk, "start": start.isoformat(), "tz": zone.key})
    summary = f"{reverse('scheduling:booking-summary', args=[area.expert.slug])}?{query}"
    if not request.user.is_authenticated:
        return redirect_to_login(summary)
    try:
        booking = booking_create(client=request.user, area=area, start=start)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(summary)
    return redirect(booking.call.payment.authorization_url)


@login_required
@require_GET
def booking_list(request):
    zone = user_zone(request.user)
    groups = bookings_grouped(user=request.user, now=timezone.now())
    return render(request, "scheduling/bookings/list.html", {"groups": groups, "zone": zone.key})


def _reschedule_choices(booking, zone: ZoneInfo) -> list[tuple[dt.date, list[dict]]]:
    """The expert's free starts for this call in the coming days, by date in ``zone``."""
    call = booking.call
    today = timezone.now().astimezone(zone).date()
    starts = selectors.slots_available(
        expert=call.area.expert,
        area=call.area,
        start_date=today,
        end_date=today + dt.timedelta(days=RESCHEDULE_DAYS - 1),
        tz=zone,
    )
    return sorted(times_by_date([start for start in starts if start != call.scheduled_start], zone).items())


@login_required
@require_GET
def booking_detail(request, booking_id: int):
    try:
        booking = booking_get_for(user=request.user, booking_id=booking_id)
    except BookingNotFound:
        raise Http404(_("No such booking.")) from None
    zone = user_zone(request.user)
    role = role_of(booking, request.user)
    proposal = open_proposal_of(booking)
    now = timezone.now()
    active = booking.status in ACTIVE_STATUSES
    upcoming = active and now < booking.call.scheduled_start
    can_propose = role == EXPERT and upcoming and proposal is None and booking.call.payment.status == PaymentStatus.HELD
    context = {
        "booking": booking,
        "call": booking.call,
        "payment": booking.call.payment,
        "events": booking_events(booking),
        "proposal": proposal,
        "role": role,
        "zone": zone.key,
        "can_cancel": upcoming,
        # From the call's start an unanswered request or proposal can only expire (409 too_late).
        "can_answer": role == EXPERT and booking.status == PENDING and upcoming,
        "proposal_answerable": upcoming,
        "reschedule_choices": _reschedule_choices(booking, zone) if can_propose else [],
    }
    return render(request, "scheduling/bookings/detail.html", context)


def _start_in(request) -> dt.datetime:
    start = aware_or_none(request.POST.get("start", ""))
    if start is None:
        raise ApplicationError(_("Choose a new time."))
    return start


def _accept(request, booking):
    transitions.booking_accept(booking=booking, actor=request.user)


def _decline(request, booking):
    transitions.booking_decline(booking=booking, actor=request.user, reason=request.POST.get("reason", ""))


def _cancel(request, booking):
    transitions.booking_cancel(booking=booking, actor=request.user, reason=request.POST.get("reason", ""))


def _propose(request, booking):
    reschedules.reschedule_propose(booking=booking, actor=request.user, start=_start_in(request))


def _withdraw(request, booking):
    reschedules.reschedule_withdraw(booking=booking, actor=request.user)


def _reschedule_accept(request, booking):
    reschedules.reschedule_accept(booking=booking, actor=request.user)


def _reschedule_decline(request, booking):
    reschedules.reschedule_decline(booking=booking, actor=request.user)


_ACTIONS = {
    "accept": (_accept, gettext_lazy("Booking accepted.")),
    "decline": (_decline, gettext_lazy("Booking declined. The client is refunded in full.")),
    "cancel": (_cancel, gettext_lazy("Booking cancelled.")),
    "reschedule": (_propose, gettext_lazy("New time proposed. The client will be asked to accept it.")),
    "reschedule-withdraw": (_withdraw, gettext_lazy("Proposal withdrawn.")),
    "reschedule-accept": (_reschedule_accept, gettext_lazy("New time accepted. Your booking is confirmed.")),
    "reschedule-decline": (
        _reschedule_decline,
        gettext_lazy("Proposal declined. The booking is cancelled and refunded in full."),
    ),
}


@login_required
@require_POST
def booking_action(request, booking_id: int, action: str):
    """One transition from a page; back to ``next`` (a local page) or the booking."""
    if action not in _ACTIONS:
        raise Http404
    try:
        booking = booking_get_for(user=request.user, booking_id=booking_id)
    except BookingNotFound:
        raise Http404(_("No such booking.")) from None
    run, success = _ACTIONS[action]
    try:
        run(request, booking)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("scheduling:booking-detail", args=[booking_id])
    return redirect(target)
