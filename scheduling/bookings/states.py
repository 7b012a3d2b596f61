"""The booking state machine: which action may move a booking from which status.

Pure data and one check, no database: the services call ``transition_target`` before
they change anything, so an illegal move never half-happens.
"""

from dataclasses import dataclass
from enum import StrEnum

from scheduling.models_booking import BookingStatus

PENDING, CONFIRMED = BookingStatus.PENDING, BookingStatus.CONFIRMED
ACTIVE_STATUSES = frozenset({PENDING, CONFIRMED})
# Declined, cancelled and expired bookings were refunded (or never paid).
REFUNDABLE_END_STATUSES = frozenset({BookingStatus.DECLINED, BookingStatus.CANCELLED, BookingStatus.EXPIRED})


class Action(StrEnum):
    CREATE = "created"
    PAYMENT_HELD = "payment_held"
    PAYMENT_MISMATCH = "payment_mismatch"
    ACCEPT = "accepted"
    DECLINE = "declined"
    CANCEL = "cancelled"
    EXPIRE_UNPAID = "expired_unpaid"
    EXPIRE_UNANSWERED = "expired_unanswered"
    RESCHEDULE_PROPOSE = "reschedule_proposed"
    RESCHEDULE_WITHDRAW = "reschedule_withdrawn"
    RESCHEDULE_ACCEPT = "reschedule_accepted"
    RESCHEDULE_DECLINE = "reschedule_declined"
    REFUNDED = "refunded"
    # The call's side (``calls.services``): it took place, or someone never came.
    COMPLETE = "completed"
    NO_SHOW = "no_show"


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays what it was


TRANSITIONS: dict[Action, Rule] = {
    Action.PAYMENT_HELD: Rule(frozenset({PENDING}), None),
    Action.PAYMENT_MISMATCH: Rule(frozenset({PENDING}), BookingStatus.CANCELLED),
    Action.ACCEPT: Rule(frozenset({PENDING}), CONFIRMED),
    Action.DECLINE: Rule(frozenset({PENDING}), BookingStatus.DECLINED),
    Action.CANCEL: Rule(ACTIVE_STATUSES, BookingStatus.CANCELLED),
    Action.EXPIRE_UNPAID: Rule(frozenset({PENDING}), BookingStatus.EXPIRED),
    Action.EXPIRE_UNANSWERED: Rule(frozenset({PENDING}), BookingStatus.EXPIRED),
    Action.RESCHEDULE_PROPOSE: Rule(ACTIVE_STATUSES, None),
    Action.RESCHEDULE_WITHDRAW: Rule(ACTIVE_STATUSES, None),
    Action.RESCHEDULE_ACCEPT: Rule(ACTIVE_STATUSES, CONFIRMED),
    Action.RESCHEDULE_DECLINE: Rule(ACTIVE_STATUSES, BookingStatus.CANCELLED),
    Action.COMPLETE: Rule(frozenset({CONFIRMED}), BookingStatus.COMPLETED),
    # A no-show is refunded in full like a cancellation (and retried like one).
    Action.NO_SHOW: Rule(frozenset({CONFIRMED}), BookingStatus.CANCELLED),
}


class TransitionRefused(Exception):
    """``action`` is not allowed from ``status`` (the services turn it into a 409)."""

    def __init__(self, action: Action, status: str):
        super().__init__(f"{action} is not allowed from {status}")
        self.action = action
        self.status = status


def transition_target(action: Action, status: str) -> str:
    """The status ``action`` leads to from ``status``, or ``TransitionRefused``."""
    rule = TRANSITIONS[action]
    if status not in rule.sources:
        raise TransitionRefused(action, status)
    return rule.target or status


def releases_time(status: str) -> bool:
    """A booking in this status no longer holds its call's time (the slot is free)."""
    return status in REFUNDABLE_END_STATUSES
