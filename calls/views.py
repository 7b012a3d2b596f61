"""The lobby and call pages (SPEC §4). Only the call's two participants get in (404 for
anyone else); a booking that is not confirmed gets the lobby page explaining why, and
the call page sends people there. The pages' behaviour is in static/calls/*.js."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from calls.errors import CallNotFound
from calls.models import Call
from calls.selectors import call_get_for, call_refusal
from calls.services import window_of
from accounts.selectors import user_zone


def call_or_404(request, call_id: int) -> Call:
    try:
        return call_get_for(user=request.user, call_id=call_id)
    except CallNotFound:
        raise Http404(_("No such call.")) from None


def page_context(request, call: Call) -> dict:
    other = call.client if request.user.pk == call.expert_id else call.expert
    other_name = call.expert.expert_profile.display_name if other == call.expert else other.full_name
    return {
        "call": call,
        "booking": call.booking,
        "other_name": other_name or other.email,
        "zone": user_zone(request.user).key,
        "booking_url": reverse("scheduling:booking-detail", args=[call.booking.pk]),
    }


@login_required
@require_GET
def lobby(request, call_id: int):
    call = call_or_404(request, call_id)
    window = window_of(call)
    context = {
        **page_context(request, call),
        "refusal": call_refusal(call),
        "join_opens_at": window.opens_at,
        "starts_at": call.scheduled_start,
        "ends_at": window.closes_at,
        "call_url": reverse("calls:call", args=[call.pk]),
    }
    return render(request, "calls/lobby.html", context)


@login_required
@require_GET
def call_page(request, call_id: int):
    call = call_or_404(request, call_id)
    if call_refusal(call) is not None:
        return redirect("calls:lobby", call_id=call.pk)
    window = window_of(call)
    context = {
        **page_context(request, call),
        # The page asks for a token only inside the window (the API refuses it outside).
        "join_opens_at": window.opens_at,
        "ends_at": window.closes_at,
        "token_url": reverse("calls:api-call-token", args=[call.pk]),
        "end_url": reverse("calls:api-call-end", args=[call.pk]),
        "lobby_url": reverse("calls:lobby", args=[call.pk]),
        # After the call: the booking page, where the review prompt lives.
        "done_url": reverse("scheduling:booking-detail", args=[call.booking.pk]),
    }
    return render(request, "calls/call.html", context)
