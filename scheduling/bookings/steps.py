"""Building blocks the booking services share: lock, guard, record, release.

Each service is the same shape (pretix's): lock the booking, check the actor and the
state machine, change the rows with ``save(update_fields=...)``, write one
``BookingEvent``, and leave side effects (refunds, notifications) to
``transaction.on_commit``.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import ExpertProfile
from calls.models import CLIENT_OVERLAP_CONSTRAINT, EXPERT_OVERLAP_CONSTRAINT, Call, CallStatus
from payments.models import Payment
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.errors import (
    BookingForbidden,
    BookingInvalid,
    BookingNotFound,
    ClientBusy,
    IllegalTransition,
    SlotTaken,
    SlotUnavailable,
    TooLate,
)
from scheduling.bookings.states import Action, TransitionRefused, releases_time, transition_target
from scheduling.cache import slots_cache_invalidate
from scheduling.models_booking import Booking, BookingEvent, BookingStatus, RescheduleProposal, RescheduleStatus
from scheduling.slots import GRID_MINUTES

CLIENT, EXPERT = "client", "expert"
_VERBS = {
    Action.ACCEPT: gettext_lazy("accepted"),
    Action.DECLINE: gettext_lazy("declined"),
    Action.CANCEL: gettext_lazy("cancelled"),
    Action.EXPIRE_UNPAID: gettext_lazy("expired"),
    Action.EXPIRE_UNANSWERED: gettext_lazy("expired"),
    Action.PAYMENT_HELD: gettext_lazy("paid"),
    Action.PAYMENT_MISMATCH: gettext_lazy("paid"),
    Action.RESCHEDULE_PROPOSE: gettext_lazy("rescheduled"),
    Action.RESCHEDULE_WITHDRAW: gettext_lazy("rescheduled"),
    Action.RESCHEDULE_ACCEPT: gettext_lazy("rescheduled"),
    Action.RESCHEDULE_DECLINE: gettext_lazy("rescheduled"),
}


def booking_locked(booking_id: int) -> Booking:
    """The booking and its call, both rows locked for this transaction."""
    try:
        return (
            Booking.objects.select_for_update(of=("self", "call"))
            .select_related("call", "call__area")
            .get(pk=booking_id)
        )
    except Booking.DoesNotExist:
        raise BookingNotFound() from None


def expert_lock(expert_id: int) -> ExpertProfile:
    """Lock the expert's profile row: bookings of one expert are decided one at a time."""
    return ExpertProfile.objects.select_for_update().get(pk=expert_id)


def role_of(booking: Booking, user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.pk == booking.call.client_id:
        return CLIENT
    if user.pk == booking.call.expert_id:
        return EXPERT
    return None


def participant_role(booking: Booking, actor) -> str:
    """The actor's side of the booking. Strangers never learn it exists (404), and nor
    does the expert before the client has paid (the request has not reached them)."""
    role = role_of(booking, actor)
    if role is None or (role == EXPERT and not expert_may_see(booking)):
        raise BookingNotFound()
    return role


def expert_may_see(booking: Booking) -> bool:
    return Payment.objects.filter(call_id=booking.call_id, held_at__isnull=False).exists()


def require_role(booking: Booking, actor, role: str) -> None:
    """404 for those who may not see the booking, 403 for the other side."""
    if participant_role(booking, actor) != role:
        message = _("Only the expert can do this.") if role == EXPERT else _("Only the client can do this.")
        raise BookingForbidden(message)


def illegal(action: Action, status: str) -> IllegalTransition:
    label = BookingStatus(status).label
    verb = _VERBS.get(action, gettext_lazy("changed like this"))
    message = _("This booking is %(status)s, so it cannot be %(verb)s.") % {"status": label.lower(), "verb": verb}
    return IllegalTransition(message, status=status)


def guard(booking: Booking, action: Action) -> str:
    """The status ``action`` leads to, or the 409 naming the current status."""
    try:
        return transition_target(action, booking.status)
    except TransitionRefused:
        raise illegal(action, booking.status) from None


def event_record(
    booking: Booking, *, actor, action: Action, from_status: str, data: dict | None = None
) -> BookingEvent:
    return BookingEvent.objects.create(
        booking=booking,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        from_status=from_status,
        to_status=booking.status,
        data=data or {},
    )


def transition_apply(
    booking: Booking, *, action: Action, actor, data: dict | None = None, fields: dict | None = None
) -> str:
    """Move a locked booking along ``action``: status (+ ``fields``), event row, and the
    call's time released when the booking ends. Returns the previous status."""
    target = guard(booking, action)
    previous = booking.status
    booking.status = target
    for name, value in (fields or {}).items():
        setattr(booking, name, value)
    booking.save(update_fields=["status", *(fields or {}), "updated_at"])
    event_record(booking, actor=actor, action=action, from_status=previous, data=data)
    if releases_time(target):
        call_release(booking.call)
        proposals_close(booking)
    return previous


def call_release(call: Call) -> None:
    """The call will not happen: cancelled, and its time free for others again."""
    call.status = CallStatus.CANCELLED
    call.active = False
    call.save(update_fields=["status", "active", "updated_at"])
    slots_cache_invalidate(expert_id=call.area.expert_id)


def proposals_close(booking: Booking) -> None:
    """An ended booking has nothing left to reschedule."""
    RescheduleProposal.objects.filter(booking=booking, status=RescheduleStatus.OPEN).update(
        status=RescheduleStatus.WITHDRAWN, decided_at=timezone.now()
    )


def after_commit(function, *args, **kwargs) -> None:
    transaction.on_commit(lambda: function(*args, **kwargs))


# --- Times and conflicts --------------------------------------------------------------------


# Starts this close to datetime's limits would overflow once turned into the expert's
# local time or extended by the call's duration (a 500); no horizon reaches them anyway.
_EARLIEST_START = dt.datetime(2, 1, 1, tzinfo=dt.UTC)
_LATEST_START = dt.datetime(9998, 1, 1, tzinfo=dt.UTC)


def start_normalised(start: dt.datetime) -> dt.datetime:
    """An aware instant in UTC; a start without an offset means nothing precise."""
    if start.tzinfo is None or start.utcoffset() is None:
        raise BookingInvalid(_("Give the start with its UTC offset."), fields={"start": [_("Include a UTC offset.")]})
    try:
        start = start.astimezone(dt.UTC)
    except OverflowError:
        start = None
    if start is None or not _EARLIEST_START <= start < _LATEST_START:
        message = _("That time is out of range.")
        raise BookingInvalid(message, fields={"start": [_("Choose a time within the expert's booking horizon.")]})
    return start


def start_checked(*, expert: ExpertProfile, start: dt.datetime, now: dt.datetime) -> None:
    """400 for starts no engine could ever offer: past ones and ones off the expert's
    15-minute local grid. Everything else is the engine's to judge (409)."""
    if start <= now:
        raise BookingInvalid(_("That time has passed."), fields={"start": [_("Choose a time in the future.")]})
    local = start.astimezone(ZoneInfo(expert.timezone))
    if local.second or local.microsecond or local.minute % GRID_MINUTES:
        message = _("Calls start on the quarter hour of the expert's time zone.")
        raise BookingInvalid(message, fields={"start": [message]})


def require_not_started(booking: Booking, *, now: dt.datetime, message: str) -> None:
    """409 ``too_late`` once the call's start has come, whether or not the expiry job
    has noticed yet: the start itself decides, not when a job last ran."""
    if now >= booking.call.scheduled_start:
        raise TooLate(message)


def expert_busy_at(
    *, expert: ExpertProfile, start: dt.datetime, minutes: int, exclude_call_id: int | None = None
) -> bool:
    """Another active call of the expert overlaps the interval with its buffers."""
    # The engine keeps buffer_before + buffer_after between two calls, on either side.
    reach = dt.timedelta(minutes=expert.buffer_before_minutes + expert.buffer_after_minutes)
    end = start + dt.timedelta(minutes=minutes)
    calls = Call.objects.filter(
        expert_id=expert.user_id, active=True, scheduled_start__lt=end + reach, scheduled_end__gt=start - reach
    )
    return calls.exclude(pk=exclude_call_id).exists()


def not_offered_error(*, expert: ExpertProfile, start: dt.datetime, minutes: int, exclude_call_id: int | None = None):
    if expert_busy_at(expert=expert, start=start, minutes=minutes, exclude_call_id=exclude_call_id):
        return SlotTaken(_("Someone has just booked that time. Please choose another."))
    return SlotUnavailable(_("That time is not available. Please choose another."))


def client_busy_at(*, client_id: int, start: dt.datetime, minutes: int, exclude_call_id: int | None = None) -> bool:
    end = start + dt.timedelta(minutes=minutes)
    calls = Call.objects.filter(client_id=client_id, active=True, scheduled_start__lt=end, scheduled_end__gt=start)
    return calls.exclude(pk=exclude_call_id).exists()


def client_busy_error() -> ClientBusy:
    return ClientBusy(_("You already have a call at that time."))


def overlap_error(error: IntegrityError) -> ApplicationError:
    """The domain error for a lost race that PostgreSQL's exclusion constraints caught."""
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    if constraint == CLIENT_OVERLAP_CONSTRAINT:
        return client_busy_error()
    if constraint == EXPERT_OVERLAP_CONSTRAINT:
        return SlotTaken(_("Someone has just booked that time. Please choose another."))
    raise error
