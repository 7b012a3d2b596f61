"""LiveKit's webhooks (SPEC §4): who joined and left the call's room, and when the room
finished. Believed only once ``livekit-api`` verified the signature; each event id is
acted on once (a redelivery changes nothing).

Attendance is one row per LiveKit connection (``participant.sid``). The first join
moves the call to ``in_progress``; ``room_finished`` closes every stay still open and,
when both participants had joined, completes the call exactly as "End call" does.
Events about rooms that are not ours, or people who are not the call's participants
(a recorder, say), are stored and ignored.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from calls.errors import WebhookPayloadInvalid
from calls.livekit import LiveKitClient, booking_id_for_room, id_spelled
from calls.models import CallAttendance, CallStatus, LiveKitWebhookEvent
from calls.selectors import call_absent_roles
from calls.services import call_complete, call_transition
from calls.states import CallAction
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.steps import booking_locked
from scheduling.models_booking import Booking, BookingStatus

logger = logging.getLogger(__name__)

PROCESSED, IGNORED, DUPLICATE = "processed", "ignored", "duplicate"


def livekit_webhook_receive(*, body: str, auth_header: str) -> str:
    """Verify and act on one delivery; returns ``processed``, ``ignored`` or
    ``duplicate``. Raises ``WebhookSignatureInvalid`` (401, nothing changes),
    ``WebhookPayloadInvalid`` (400) or ``LiveKitNotConfigured`` (503)."""
    event = LiveKitClient.from_settings().webhook_receive(body, auth_header)
    if not event.id or not event.event:
        raise WebhookPayloadInvalid()
    return _event_take(event, _happened_at(event.created_at))


def _storable(text: str, limit: int) -> str:
    """``text`` cut to its column, with NUL replaced: PostgreSQL text holds no NUL, and a
    signed event carrying one must not turn into a 500 (it matches no room or user)."""
    return text.replace("\x00", "\ufffd")[:limit]


def _happened_at(created_at: int) -> dt.datetime:
    """When LiveKit says the event happened (seconds since the epoch); a time it cannot
    have meant (missing, negative, beyond the calendar) is replaced by the arrival time."""
    if created_at > 0:
        try:
            return dt.datetime.fromtimestamp(created_at, dt.UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return timezone.now()


@transaction.atomic
def _event_take(event, happened_at: dt.datetime) -> str:
    try:
        with transaction.atomic():
            row = LiveKitWebhookEvent.objects.create(
                event_id=_storable(event.id, 100),
                event=_storable(event.event, 40),
                room=_storable(event.room.name, 100),
                participant_identity=_storable(event.participant.identity, 100),
                happened_at=happened_at,
                outcome="",
            )
    except IntegrityError:
        logger.info("livekit webhook duplicate id=%s", event.id)
        return DUPLICATE
    row.outcome = _event_apply(event, happened_at)
    row.save(update_fields=["outcome"])
    logger.info("livekit webhook id=%s event=%s room=%s outcome=%s", event.id, event.event, row.room, row.outcome)
    return row.outcome


def _event_apply(event, happened_at: dt.datetime) -> str:
    handler = _HANDLERS.get(event.event)
    booking_id = booking_id_for_room(event.room.name)
    if handler is None or booking_id is None or not Booking.objects.filter(pk=booking_id).exists():
        return IGNORED
    return handler(booking_locked(booking_id), event.participant, happened_at)


def _participant_id(call, identity: str) -> int | None:
    """The user id a token was made for (identity = user id), if they are in the call."""
    user_id = id_spelled(identity)
    return user_id if user_id in (call.expert_id, call.client_id) else None


def _stay(call, participant, user_id: int) -> CallAttendance:
    # LiveKit always sends the connection's sid; without it, one row per person.
    key = participant.sid or f"user-{user_id}"
    stay, _created = CallAttendance.objects.get_or_create(
        call=call, participant_sid=_storable(key, 100), defaults={"user_id": user_id}
    )
    return stay


def _joined(booking: Booking, participant, at: dt.datetime) -> str:
    call = booking.call
    user_id = _participant_id(call, participant.identity)
    if user_id is None:
        return IGNORED
    stay = _stay(call, participant, user_id)
    if stay.joined_at is None:
        stay.joined_at = at
        stay.save(update_fields=["joined_at"])
    if call.status == CallStatus.SCHEDULED and booking.status == BookingStatus.CONFIRMED:
        call_transition(call, CallAction.START, started_at=at)
    return PROCESSED


def _left(booking: Booking, participant, at: dt.datetime) -> str:
    call = booking.call
    user_id = _participant_id(call, participant.identity)
    if user_id is None:
        return IGNORED
    stay = _stay(call, participant, user_id)
    if stay.left_at is None:
        stay.left_at = at
        stay.save(update_fields=["left_at"])
    return PROCESSED


def _room_finished(booking: Booking, participant, at: dt.datetime) -> str:
    """Nobody is in a finished room; after both joined, the call is complete."""
    call = booking.call
    CallAttendance.objects.filter(call=call, joined_at__isnull=False, left_at__isnull=True).update(left_at=at)
    if call_absent_roles(call) or booking.status != BookingStatus.CONFIRMED:
        return PROCESSED
    try:
        with transaction.atomic():
            call_complete(booking, actor=None, by="livekit", now=at)
    except ApplicationError as error:
        # Already ended by a participant, or the room emptied before the scheduled start
        # (the no-show job completes it after the end): the attendance above still counts.
        logger.info("livekit room_finished did not complete call=%s: %s", call.pk, error.message)
    return PROCESSED


_HANDLERS = {
    "participant_joined": _joined,
    "participant_left": _left,
    "participant_connection_aborted": _left,
    "room_finished": _room_finished,
}
