"""Template helpers of the booking pages: status badges, timeline wording, join window."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls.states import join_window
from scheduling.bookings.selectors import open_proposal_of
from scheduling.bookings.states import Action

register = template.Library()

_BADGES = {"pending": "badge--warning", "confirmed": "badge--success", "completed": "badge--success"}
_PAYMENT_BADGES = {"pending": "badge--warning", "held": "badge--success", "succeeded": "badge--success"}
_EVENTS = {
    Action.CREATE: _("Booking requested"),
    Action.PAYMENT_HELD: _("Payment received and held until the call"),
    Action.PAYMENT_MISMATCH: _("Payment refused: the amount or currency did not match"),
    Action.ACCEPT: _("Accepted by the expert"),
    Action.DECLINE: _("Declined by the expert"),
    Action.CANCEL: _("Cancelled"),
    Action.EXPIRE_UNPAID: _("Expired: the payment was not completed in time"),
    Action.EXPIRE_UNANSWERED: _("Expired: the expert did not answer before the call"),
    Action.RESCHEDULE_PROPOSE: _("New time proposed"),
    Action.RESCHEDULE_WITHDRAW: _("Proposed time withdrawn"),
    Action.RESCHEDULE_ACCEPT: _("New time accepted"),
    Action.RESCHEDULE_DECLINE: _("New time declined, booking cancelled"),
    Action.REFUNDED: _("Refunded in full"),
    Action.COMPLETE: _("Call completed"),
    Action.NO_SHOW: _("Cancelled: someone did not join the call"),
}


@register.filter
def booking_badge(status: str) -> str:
    """The badge modifier class for a booking status (ended ones stay neutral)."""
    return _BADGES.get(status, "")


@register.filter
def payment_badge(status: str) -> str:
    return _PAYMENT_BADGES.get(status, "")


@register.filter
def event_label(action: str) -> str:
    return _EVENTS.get(action, action)


@register.filter
def join_phase(call) -> str:
    """``before``, ``open`` or ``over``: whether the call's "Join" is open now (SPEC §4)."""
    window = join_window(scheduled_start=call.scheduled_start, scheduled_end=call.scheduled_end)
    return window.phase(timezone.now()).value


@register.filter
def answerable_proposal(booking):
    """The booking's open reschedule proposal while it can still be answered (before the
    call's start; after it the proposal can only expire). Reads the proposals the list
    selectors prefetch, so a list costs no query per booking."""
    proposal = open_proposal_of(booking)
    if proposal is None or timezone.now() >= booking.call.scheduled_start:
        return None
    return proposal
