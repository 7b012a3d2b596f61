"""Every write about a call (SPEC §4): the LiveKit token for joining, the end of the
call with its escrow release, and the no-show job. Attendance from LiveKit's webhooks
is in ``calls.webhooks``; the expert's notes in ``calls.services_notes``.

Each transition has the same shape as the booking services (which it shares its lock
and event log with): lock the booking and its call, check who asks and both state
machines, change the rows, write one ``BookingEvent``, and leave the LiveKit room,
refunds and notifications to ``transaction.on_commit``.

Completing a call releases the escrow to the expert, so it needs proof that the call
took place: its scheduled start has passed and both participants joined its room
(attendance from LiveKit's signed webhooks; a token alone proves nothing). Until then
"End" is refused (409 ``call_not_started``) and people can only leave; a call someone
never joined becomes a no-show and the client is refunded in full.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from calls import notify
from calls.errors import (
    CallNotConfirmed,
    CallNotFound,
    CallNotOpen,
    CallNotStarted,
    CallOver,
    CallTransitionRefused,
)
from calls.livekit import LiveKitClient, room_name_for_booking
from calls.models import Call, CallAttendance, CallNoShow, CallStatus
from calls.selectors import call_absent_roles, call_refusal
from calls.states import CallAction, CallTransitionError, JoinWindow, Phase, call_transition_target, join_window
from payments.models import Payment
from payments.services import payment_release
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.payments import booking_refund
from scheduling.bookings.states import Action
from scheduling.bookings.steps import after_commit, booking_locked, role_of, transition_apply
from scheduling.models_booking import Booking, BookingStatus

logger = logging.getLogger(__name__)
NO_SHOW_BATCH = 100
NO_SHOW_ATTEMPTS = 5 * NO_SHOW_BATCH
# A stay still "open" this long after the scheduled end lost its participant_left webhook:
# it no longer keeps the call from being settled.
OPEN_STAY_TRUSTED_FOR = dt.timedelta(hours=4)


@dataclass(frozen=True)
class CallGrant:
    """What the browser needs to enter the room: ``{token, url, room}`` in the API."""

    token: str
    url: str
    room: str


def window_of(call: Call) -> JoinWindow:
    return join_window(scheduled_start=call.scheduled_start, scheduled_end=call.scheduled_end)


def _utc_label(moment: dt.datetime) -> str:
    return dateformat.format(moment.astimezone(dt.UTC), "j M Y, H:i") + " UTC"


def _not_open(call: Call, message: str) -> CallNotOpen:
    opens_at = window_of(call).opens_at
    return CallNotOpen(message % {"when": _utc_label(opens_at)}, opens_at=opens_at.isoformat())


def _require_confirmed(call: Call) -> None:
    refusal = call_refusal(call)
    if refusal is None:
        return
    if call.booking.status == BookingStatus.COMPLETED:
        raise CallTransitionRefused(refusal, status=call.booking.status)
    raise CallNotConfirmed(refusal, status=call.booking.status)


def call_token_create(*, call: Call, user, now: dt.datetime | None = None) -> CallGrant:
    """A LiveKit token for one of the call's two participants, for a confirmed booking,
    inside the join window (10 minutes before the start until the scheduled end).

    Errors: ``CallNotFound`` (404, not a participant), ``CallNotConfirmed`` /
    ``CallTransitionRefused`` (409, the booking is not confirmed / the call ended),
    ``CallNotOpen`` / ``CallOver`` (409, outside the window), ``LiveKitNotConfigured``
    (503). A token records nothing: presence comes from LiveKit's webhooks only.
    """
    if not call.is_participant(user):
        raise CallNotFound()
    _require_confirmed(call)
    phase = window_of(call).phase(now or timezone.now())
    if phase == Phase.BEFORE:
        raise _not_open(call, _("This call opens for joining at %(when)s, 10 minutes before the start."))
    if phase == Phase.OVER:
        raise CallOver(_("The time for this call has passed."))
    client = LiveKitClient.from_settings()
    room = room_name_for_booking(call.booking.pk)
    token = client.token_create(
        room=room,
        identity=str(user.pk),
        name=user.full_name or user.email,
        ttl_minutes=settings.LIVEKIT_TOKEN_TTL_MINUTES,
    )
    return CallGrant(token=token, url=client.url, room=room)


def call_transition(call: Call, action: CallAction, **fields) -> str:
    """Move a locked call along ``action`` (409 ``illegal_transition`` if it may not)."""
    try:
        target = call_transition_target(action, call.status)
    except CallTransitionError:
        label = CallStatus(call.status).label.lower()
        raise CallTransitionRefused(_("This call is %(status)s.") % {"status": label}, status=call.status) from None
    call.status = target
    for name, value in fields.items():
        setattr(call, name, value)
    call.save(update_fields=["status", *fields, "updated_at"])
    return target


def booking_of(call: Call) -> int:
    booking_id = Booking.objects.filter(call_id=call.pk).values_list("pk", flat=True).first()
    if booking_id is None:
        raise CallNotFound()
    return booking_id


@transaction.atomic
def call_end(*, call: Call, actor, now: dt.datetime | None = None) -> Call:
    """A participant ends the call for both: ``ended_at`` set, call and booking
    ``completed``, the escrow released (platform fee and expert's share recorded), both
    sides notified and, once committed, the LiveKit room closed (best effort: LiveKit
    being down never blocks the completion).

    ``actor=None`` is LiveKit itself (``room_finished`` after both joined). Errors:
    ``CallNotFound`` (404), ``CallNotConfirmed`` (409), ``CallNotOpen`` (409, before the
    join window), ``CallNotStarted`` (409 ``call_not_started``: before the scheduled
    start, or while a participant has never joined), ``CallTransitionRefused`` (409
    ``illegal_transition``, e.g. it already ended).
    """
    booking = booking_locked(booking_of(call))
    role = role_of(booking, actor)
    if actor is not None and role is None:
        raise CallNotFound()
    call_complete(booking, actor=actor, by=role or "livekit", now=now or timezone.now())
    transaction.on_commit(lambda: call_room_close(booking_id=booking.pk), robust=True)
    return booking.call


def call_complete(booking: Booking, *, actor, by: str, now: dt.datetime) -> None:
    """Complete the locked booking's call (inside the caller's transaction)."""
    call = booking.call
    _require_confirmed(call)
    if window_of(call).phase(now) == Phase.BEFORE:
        raise _not_open(call, _("This call has not started yet: it opens at %(when)s."))
    _require_taken_place(call, now)
    call_transition(call, CallAction.END, ended_at=now)
    transition_apply(booking, action=Action.COMPLETE, actor=actor, data={"by": by, "ended_at": now.isoformat()})
    payment_release(payment_id=Payment.objects.values_list("pk", flat=True).get(call_id=call.pk))
    logger.info("call completed call=%s booking=%s by=%s", call.pk, booking.pk, by)
    after_commit(notify.call_completed, booking)


def _require_taken_place(call: Call, now: dt.datetime) -> None:
    """Refuse to complete (and pay for) a call that has not begun: before its scheduled
    start, or while one of the two has never been in the room."""
    if now < call.scheduled_start:
        raise CallNotStarted(
            _("This call starts at %(when)s and can be ended from then on. Use Leave to step out meanwhile.")
            % {"when": _utc_label(call.scheduled_start)},
            fields={"scheduled_start": [call.scheduled_start.isoformat()]},
        )
    absent = call_absent_roles(call)
    if absent:
        raise CallNotStarted(
            _(
                "The call can be ended once both of you have joined it. Use Leave to step out instead: "
                "if someone never joins, the client is refunded in full after the scheduled end."
            ),
            fields={"not_joined": absent},
        )


def call_room_close(*, booking_id: int) -> bool:
    """Close the booking's LiveKit room and disconnect everyone (best effort)."""
    return LiveKitClient.from_settings().room_delete(room_name_for_booking(booking_id))


def calls_mark_no_show(*, now: dt.datetime | None = None) -> int:
    """Settle each confirmed call whose scheduled end plus ``CALL_NO_SHOW_GRACE_MINUTES``
    has passed and that nobody is still in:

    - a participant never joined: the call becomes ``no_show`` (who was absent is
      recorded), the booking is cancelled and the client refunded in full (SPEC §4,
      even when only the expert was there), and both sides are told;
    - both joined but nobody completed it (LiveKit's ``room_finished`` was lost, or came
      before the scheduled start): it is completed as "End" would, escrow released.

    Idempotent (a job runs it every few minutes); returns how many calls were settled now.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.CALL_NO_SHOW_GRACE_MINUTES)
    # Calls someone is still in wait, without taking a place in the batch from the others.
    still_in_room = CallAttendance.objects.filter(
        call=OuterRef("call"), joined_at__isnull=False, left_at__isnull=True
    )
    due = (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            call__status__in=[CallStatus.SCHEDULED, CallStatus.IN_PROGRESS],
            call__scheduled_end__lte=cutoff,
        )
        .exclude(Exists(still_in_room), call__scheduled_end__gt=now - OPEN_STAY_TRUSTED_FOR)
        .order_by("call__scheduled_end")
        .values_list("pk", flat=True)
    )
    # Calls that cannot be settled (logged for staff) are skipped, not retried in a loop:
    # up to NO_SHOW_BATCH settle per run, among at most NO_SHOW_ATTEMPTS candidates.
    settled = 0
    for booking_id in due[:NO_SHOW_ATTEMPTS]:
        settled += _call_settle_logged(booking_id, cutoff=cutoff, now=now)
        if settled >= NO_SHOW_BATCH:
            break
    return settled


def _call_settle_logged(booking_id: int, *, cutoff: dt.datetime, now: dt.datetime) -> bool:
    """One call the job cannot settle (its payment in an unexpected state, say) is logged
    and left for staff; it never stops the others."""
    try:
        return _call_settle(booking_id, cutoff=cutoff, now=now)
    except ApplicationError as error:
        logger.warning("call not settled booking=%s code=%s: %s", booking_id, error.code, error.message)
        return False


@transaction.atomic
def _call_settle(booking_id: int, *, cutoff: dt.datetime, now: dt.datetime) -> bool:
    """Settle one call if, under its lock, it is still due and nobody is in its room."""
    booking = booking_locked(booking_id)
    call = booking.call
    running = call.status in {CallStatus.SCHEDULED, CallStatus.IN_PROGRESS}
    if not (running and booking.status == BookingStatus.CONFIRMED and call.scheduled_end <= cutoff):
        return False
    open_stays = CallAttendance.objects.filter(call=call, joined_at__isnull=False, left_at__isnull=True)
    if call.scheduled_end > now - OPEN_STAY_TRUSTED_FOR and open_stays.exists():
        return False  # someone is still in the room
    absent = call_absent_roles(call)
    if absent:
        _no_show_mark(booking, absent=absent, now=now)
        return True
    if call.status != CallStatus.IN_PROGRESS:
        return False
    call_complete(booking, actor=None, by="system", now=now)
    return True


def _no_show_mark(booking: Booking, *, absent: list[str], now: dt.datetime) -> None:
    call = booking.call
    CallNoShow.objects.create(
        call=call, expert_absent="expert" in absent, client_absent="client" in absent, marked_at=now
    )
    previous = call.status
    # Ending the booking releases the call's time and marks it cancelled; it is a no-show.
    transition_apply(booking, action=Action.NO_SHOW, actor=None, data={"absent": absent})
    call.status = call_transition_target(CallAction.NO_SHOW, previous)
    call.save(update_fields=["status", "updated_at"])
    after_commit(booking_refund, booking_id=booking.pk)
    after_commit(notify.call_no_show, booking, absent=absent)
    logger.info("call no-show call=%s booking=%s absent=%s", call.pk, booking.pk, ",".join(absent))
