"""Tell the other side of a booking what happened: one function per event.

The services call these through ``transaction.on_commit``, so nobody hears of a change
that was rolled back. Each one hands over to ``notifications.booking``, which writes
the in-app notifications (live over SSE), queues their emails (with calendar invites
where a confirmed call changes) and plans call reminders. Explicit calls, no signals:
``grep notify.`` finds them all.
"""

import logging

from notifications import booking as messages

logger = logging.getLogger(__name__)


def _tell(event: str, booking, **kwargs) -> None:
    """The booking change is committed whatever happens here: a failure to notify is
    logged (and reported to Sentry), never turned into an error for the person acting."""
    logger.info("booking notification event=%s booking=%s", event, booking.pk)
    try:
        getattr(messages, event)(booking, **kwargs)
    except Exception:
        logger.exception("booking notification failed event=%s booking=%s", event, booking.pk)


def booking_requested(booking) -> None:
    """The client paid: the expert has a new request to answer."""
    _tell("booking_requested", booking)


def booking_accepted(booking) -> None:
    _tell("booking_accepted", booking)


def booking_declined(booking) -> None:
    _tell("booking_declined", booking)


def booking_cancelled(booking, *, by_user_id: int | None) -> None:
    """Both sides hear of it; whoever cancelled gets a read copy (for their calendar)."""
    _tell("booking_cancelled", booking, by_user_id=by_user_id)


def booking_expired(booking, *, paid: bool) -> None:
    """The client always hears; the expert only if they had seen the (paid) request."""
    _tell("booking_expired", booking, paid=paid)


def reschedule_proposed(booking) -> None:
    _tell("reschedule_proposed", booking)


def reschedule_withdrawn(booking) -> None:
    _tell("reschedule_withdrawn", booking)


def reschedule_accepted(booking) -> None:
    _tell("reschedule_accepted", booking)


def reschedule_declined(booking) -> None:
    _tell("reschedule_declined", booking)


def payment_refunded(booking) -> None:
    _tell("payment_refunded", booking)
