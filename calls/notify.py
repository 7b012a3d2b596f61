"""Tell both sides what became of their call: one function per event.

The services call these through ``transaction.on_commit``. Like the booking hooks
(``scheduling.bookings.notify``) they only log for now; in-app notifications and email
need call kinds in ``notifications`` first. Private notes never go through here.
"""

import logging

logger = logging.getLogger(__name__)


def _log(event: str, booking, recipient_id: int, **details) -> None:
    extra = "".join(f" {key}={value}" for key, value in details.items())
    logger.info("call notification event=%s booking=%s recipient=%s%s", event, booking.pk, recipient_id, extra)


def call_completed(booking) -> None:
    """The call took place: the expert is paid (less the fee), the client may review."""
    for recipient in (booking.call.expert_id, booking.call.client_id):
        _log("call_completed", booking, recipient)


def call_no_show(booking, *, absent: list[str]) -> None:
    """Someone never came: both hear who, and that the client is refunded in full."""
    for recipient in (booking.call.expert_id, booking.call.client_id):
        _log("call_no_show", booking, recipient, absent=",".join(absent))
