"""Rescheduling (SPEC §3): the expert proposes a new start, the client answers.

A proposal must be a start the slot engine offers the expert, leaving this booking's own
call out of their busy time; only one is open per booking (a partial unique constraint
backs the check). Accepting moves the call under the expert's lock with the same
conflict protection as a new booking; declining cancels the booking with a full refund.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.models import Call, CallStatus
from payments.models import Payment, PaymentStatus
from scheduling import selectors
from scheduling.bookings import notify
from scheduling.bookings.errors import (
    BookingInvalid,
    BookingNotFound,
    NoOpenReschedule,
    PaymentNotHeld,
    RescheduleOpen,
    TooLate,
)
from scheduling.bookings.payments import booking_money_return
from scheduling.bookings.states import Action
from scheduling.bookings.steps import (
    CLIENT,
    EXPERT,
    after_commit,
    booking_locked,
    client_busy_at,
    client_busy_error,
    event_record,
    expert_lock,
    guard,
    not_offered_error,
    overlap_error,
    require_not_started,
    require_role,
    start_checked,
    start_normalised,
    transition_apply,
)
from scheduling.cache import slots_cache_invalidate
from scheduling.models_booking import Booking, RescheduleProposal, RescheduleStatus


def reschedule_propose(
    *, booking: Booking, actor, start: dt.datetime, now: dt.datetime | None = None
) -> RescheduleProposal:
    """The expert offers a new start (any UTC offset). 409 ``reschedule_open`` while
    another proposal is open, ``slot_unavailable`` / ``slot_taken`` when the expert is
    not free then."""
    start = start_normalised(start)
    try:
        return _propose(booking_id=booking.pk, actor=actor, start=start, now=now or timezone.now())
    except IntegrityError:
        raise RescheduleOpen(_("There is already an open proposal for this booking.")) from None


@transaction.atomic
def _propose(*, booking_id: int, actor, start: dt.datetime, now: dt.datetime) -> RescheduleProposal:
    booking = booking_locked(booking_id)
    require_role(booking, actor, EXPERT)
    guard(booking, Action.RESCHEDULE_PROPOSE)
    require_not_started(booking, now=now, message=_("The call has already started, so it can no longer be moved."))
    _require_not_joined(booking.call)
    if not Payment.objects.filter(call_id=booking.call_id, status=PaymentStatus.HELD).exists():
        raise PaymentNotHeld(_("This booking is not paid yet."))
    if RescheduleProposal.objects.filter(booking=booking, status=RescheduleStatus.OPEN).exists():
        raise RescheduleOpen(_("There is already an open proposal for this booking."))
    call = booking.call
    expert = call.area.expert
    start_checked(expert=expert, start=start, now=now)
    if start == call.scheduled_start:
        message = _("That is the current time of the call.")
        raise BookingInvalid(message, fields={"start": [_("Choose a different time.")]})
    _require_offered(expert=expert, call=call, start=start, now=now)
    proposal = RescheduleProposal.objects.create(booking=booking, proposed_start=start, proposed_by=actor)
    data = {"proposal": proposal.pk, "start": start.isoformat()}
    event_record(booking, actor=actor, action=Action.RESCHEDULE_PROPOSE, from_status=booking.status, data=data)
    after_commit(notify.reschedule_proposed, booking)
    return proposal


def _require_not_joined(call: Call) -> None:
    """A call someone has joined stays where it is: its attendance is about that time,
    and ending it (or the no-show job) must judge the meeting that took place."""
    if call.status != CallStatus.SCHEDULED:
        raise TooLate(_("Someone has already joined this call, so it can no longer be moved."))


def _require_offered(*, expert, call, start: dt.datetime, now: dt.datetime) -> None:
    minutes = call.duration_minutes
    offered = selectors.start_offered(
        expert=expert, duration_minutes=minutes, start=start, now=now, exclude_call_id=call.pk
    )
    if not offered:
        raise not_offered_error(expert=expert, start=start, minutes=minutes, exclude_call_id=call.pk)


def _open_proposal(booking: Booking) -> RescheduleProposal:
    proposals = RescheduleProposal.objects.select_for_update().filter(booking=booking, status=RescheduleStatus.OPEN)
    proposal = proposals.first()
    if proposal is None:
        raise NoOpenReschedule(_("There is no open proposal for this booking."))
    return proposal


def _decide(proposal: RescheduleProposal, status: str) -> None:
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])


@transaction.atomic
def reschedule_withdraw(*, booking: Booking, actor) -> RescheduleProposal:
    """The expert takes back their open proposal."""
    booking = booking_locked(booking.pk)
    require_role(booking, actor, EXPERT)
    guard(booking, Action.RESCHEDULE_WITHDRAW)
    proposal = _open_proposal(booking)
    _decide(proposal, RescheduleStatus.WITHDRAWN)
    data = {"proposal": proposal.pk}
    event_record(booking, actor=actor, action=Action.RESCHEDULE_WITHDRAW, from_status=booking.status, data=data)
    after_commit(notify.reschedule_withdrawn, booking)
    return proposal


def reschedule_accept(*, booking: Booking, actor, now: dt.datetime | None = None) -> Booking:
    """The client takes the proposed start: the call moves there and the booking is
    ``confirmed``. 409 ``slot_taken`` / ``client_busy`` when the time is no longer free."""
    try:
        return _accept(booking_id=booking.pk, actor=actor, now=now or timezone.now())
    except IntegrityError as error:
        raise overlap_error(error) from None


@transaction.atomic
def _accept(*, booking_id: int, actor, now: dt.datetime) -> Booking:
    expert_id = Booking.objects.filter(pk=booking_id).values_list("call__area__expert_id", flat=True).first()
    if expert_id is None:
        raise BookingNotFound()
    expert = expert_lock(expert_id)  # the same lock as booking_create, taken first as there
    booking = booking_locked(booking_id)
    require_role(booking, actor, CLIENT)
    guard(booking, Action.RESCHEDULE_ACCEPT)
    require_not_started(booking, now=now, message=_("The call has already started, so it can no longer be moved."))
    proposal = _open_proposal(booking)
    call = booking.call
    _require_not_joined(call)
    start = proposal.proposed_start
    if start <= now:  # nothing the client sent is wrong: the proposal went stale (409, not 400)
        raise TooLate(_("The proposed time has passed. Ask the expert for another."))
    # The expert's minimum notice was met when they chose this time; measuring it again
    # at the client's answer would turn a late "yes" into a 409 the client cannot act
    # on. So notice counts from the proposal (never more than one notice back);
    # hours, other calls and the daily limit are checked as of now.
    notice_from = max(now - dt.timedelta(minutes=expert.min_notice_minutes), min(proposal.created_at, now))
    _require_offered(expert=expert, call=call, start=start, now=notice_from)
    if client_busy_at(client_id=call.client_id, start=start, minutes=call.duration_minutes, exclude_call_id=call.pk):
        raise client_busy_error()
    previous_start = call.scheduled_start
    call.scheduled_start = start
    call.scheduled_end = start + dt.timedelta(minutes=call.duration_minutes)
    call.save(update_fields=["scheduled_start", "scheduled_end", "updated_at"])
    _decide(proposal, RescheduleStatus.ACCEPTED)
    data = {"proposal": proposal.pk, "from_start": previous_start.isoformat(), "to_start": start.isoformat()}
    transition_apply(booking, action=Action.RESCHEDULE_ACCEPT, actor=actor, data=data)
    slots_cache_invalidate(expert_id=expert.pk)
    after_commit(notify.reschedule_accepted, booking)
    return booking


@transaction.atomic
def reschedule_decline(*, booking: Booking, actor, now: dt.datetime | None = None) -> Booking:
    """The client turns the proposal down: the booking is cancelled with a full refund.
    Only before the call's start: from then on the call keeps its time (declining would
    be a cancellation after the start, with a refund, which nobody else may do)."""
    booking = booking_locked(booking.pk)
    require_role(booking, actor, CLIENT)
    guard(booking, Action.RESCHEDULE_DECLINE)
    message = _("The call has already started, so it can no longer be cancelled.")
    require_not_started(booking, now=now or timezone.now(), message=message)
    proposal = _open_proposal(booking)
    _decide(proposal, RescheduleStatus.DECLINED)
    transition_apply(booking, action=Action.RESCHEDULE_DECLINE, actor=actor, data={"proposal": proposal.pk})
    booking_money_return(booking, reason="reschedule declined")
    after_commit(notify.reschedule_declined, booking)
    return booking
