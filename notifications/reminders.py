"""Reminders 24 hours and 10 minutes before each confirmed call, to both sides.

``reminders_plan`` writes one ``Reminder`` row per kind for the call's *current* start
when the booking is confirmed or moved (a unique key on call, kind and start makes it
idempotent). The beat job ``reminders_send_due`` takes due rows with
``SELECT … FOR UPDATE SKIP LOCKED`` (two workers never take the same row) and, in the
same transaction, notifies both sides and marks the row sent: a reminder is sent once,
even if a worker dies halfway (its transaction rolls back and the row is taken again).
A row whose call has moved or was cancelled, or that is too late to be true, is skipped.
"""

import datetime as dt
import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.models import NotificationKind, Reminder, ReminderKind, ReminderState
from notifications.services import notification_create

logger = logging.getLogger(__name__)

OFFSETS = {ReminderKind.DAY: dt.timedelta(hours=24), ReminderKind.SOON: dt.timedelta(minutes=10)}
# A reminder that could not go out in time (workers down) is dropped once it would
# mislead: "tomorrow" with less than 12 hours to go, "in 10 minutes" once started.
STALE_BEFORE_START = {ReminderKind.DAY: dt.timedelta(hours=12), ReminderKind.SOON: dt.timedelta(0)}
BATCH = 100


def reminders_plan(*, call, now: dt.datetime | None = None) -> int:
    """Plan the call's reminders for its current start; a reminder whose moment has
    already passed (a call booked for tomorrow morning) is not planned. Returns how many
    rows exist for this start."""
    now = now or timezone.now()
    rows = [
        Reminder(call=call, kind=kind, scheduled_start=call.scheduled_start, due_at=call.scheduled_start - offset)
        for kind, offset in OFFSETS.items()
        if call.scheduled_start - offset > now
    ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return Reminder.objects.filter(call=call, scheduled_start=call.scheduled_start).count()


def _still_wanted(reminder: Reminder, booking, now: dt.datetime) -> bool:
    from calls.models import CallStatus
    from scheduling.models_booking import BookingStatus

    call = reminder.call
    return (
        booking is not None
        and booking.status == BookingStatus.CONFIRMED
        and call.status == CallStatus.SCHEDULED
        and call.scheduled_start == reminder.scheduled_start
        and now < call.scheduled_start - STALE_BEFORE_START[reminder.kind]
    )


def _deliver(reminder: Reminder, now: dt.datetime) -> bool:
    from notifications.booking import booking_path, parties_of, when_for

    booking = getattr(reminder.call, "booking", None)
    if not _still_wanted(reminder, booking, now):
        return False
    parties = parties_of(booking)
    soon = reminder.kind == ReminderKind.SOON
    for user in (parties.client, parties.expert):
        other = parties.name_of(parties.other(user))
        when = when_for(user, parties.call.scheduled_start)
        if soon:
            kind = NotificationKind.CALL_REMINDER_SOON
            title = _("Your call with %(name)s starts in 10 minutes") % {"name": other}
            body = _("%(area)s at %(when)s. You can join from the call page now.") % {"area": parties.area, "when": when}
        else:
            kind = NotificationKind.CALL_REMINDER_DAY
            title = _("Reminder: your call with %(name)s is tomorrow") % {"name": other}
            body = _("%(area)s at %(when)s.") % {"area": parties.area, "when": when}
        # Ten minutes before, the way in is the lobby (as a calendar's meeting link is);
        # a day before, the booking with its details and actions.
        url = reverse("calls:lobby", args=[parties.call.pk]) if soon else booking_path(booking.pk)
        notification_create(
            user=user, kind=kind, title=title, body=body, url=url,
            data={"booking_id": booking.pk, "reminder": reminder.kind},
        )
    return True


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Send every due reminder not yet sent or skipped; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            due = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("call")
                .filter(state=ReminderState.PLANNED, due_at__lte=now)
                .order_by("due_at", "pk")[:BATCH]
            )
            for reminder in due:
                delivered = _deliver(reminder, now)
                reminder.state = ReminderState.SENT if delivered else ReminderState.SKIPPED
                reminder.done_at = now
                reminder.save(update_fields=["state", "done_at"])
                sent += delivered
        if len(due) < BATCH:
            break
    if sent:
        logger.info("call reminders sent=%s", sent)
    return sent
