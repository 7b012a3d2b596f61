"""Tell both sides what became of their call: one function per event.

The services call these through ``transaction.on_commit``, so nobody hears of a call
that was not completed after all. Like ``scheduling.bookings.notify`` they hand over to
``notifications.booking``, which writes the in-app notifications and queues their
emails. Private notes never go through here.
"""

import logging

from notifications import booking as messages

logger = logging.getLogger(__name__)


def _tell(event: str, booking, **kwargs) -> None:
    """The call's change is committed whatever happens here: a failure to notify is
    logged (and reported to Sentry), never turned into an error for the person acting."""
    logger.info("call notification event=%s booking=%s", event, booking.pk)
    try:
        getattr(messages, event)(booking, **kwargs)
    except Exception:
        logger.exception("call notification failed event=%s booking=%s", event, booking.pk)


def call_completed(booking) -> None:
    """The call took place: the expert is paid (less the fee), the client may review."""
    _tell("call_completed", booking)


def call_no_show(booking, *, absent: list[str]) -> None:
    """Someone never came: both hear who, and that the client is refunded in full."""
    _tell("call_no_show", booking, absent=absent)
