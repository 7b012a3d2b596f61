"""The booking page's "Video call" card: join link, attendance, no-show, notes link."""

from django import template
from django.urls import reverse
from django.utils import timezone

from calls.models import CallStatus
from calls.selectors import call_presence
from calls.services import window_of
from calls.services_notes import notes_open
from calls.states import Phase
from scheduling.models_booking import BookingStatus

register = template.Library()

_SHOWN = frozenset({CallStatus.IN_PROGRESS, CallStatus.COMPLETED, CallStatus.NO_SHOW})


@register.inclusion_tag("calls/booking_panel.html")
def call_panel(booking, role: str | None, zone: str) -> dict:
    """Nothing for a booking whose call never became due (pending, declined, …)."""
    call = booking.call
    confirmed = booking.status == BookingStatus.CONFIRMED
    if not (confirmed or call.status in _SHOWN):
        return {"show": False}
    now = timezone.now()
    phase = window_of(call).phase(now)
    return {
        "show": True,
        "call": call,
        "zone": zone,
        "can_join": confirmed and phase != Phase.OVER,
        "join_open": phase == Phase.OPEN,
        "lobby_url": reverse("calls:lobby", args=[call.pk]),
        "presence": call_presence(call) if call.status in _SHOWN else [],
        "absent": getattr(call, "no_show", None),
        "notes_url": reverse("calls:notes", args=[call.pk]) if role == "expert" and notes_open(call, now) else "",
    }
