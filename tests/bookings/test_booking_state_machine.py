"""The state machine on its own: which action leads where, and what it refuses."""

import pytest

from scheduling.bookings.states import Action, TransitionRefused, releases_time, transition_target


@pytest.mark.parametrize(
    ("action", "status", "target"),
    [
        (Action.ACCEPT, "pending", "confirmed"),
        (Action.DECLINE, "pending", "declined"),
        (Action.CANCEL, "pending", "cancelled"),
        (Action.CANCEL, "confirmed", "cancelled"),
        (Action.EXPIRE_UNPAID, "pending", "expired"),
        (Action.EXPIRE_UNANSWERED, "pending", "expired"),
        (Action.PAYMENT_HELD, "pending", "pending"),
        (Action.PAYMENT_MISMATCH, "pending", "cancelled"),
        (Action.RESCHEDULE_PROPOSE, "confirmed", "confirmed"),
        (Action.RESCHEDULE_ACCEPT, "pending", "confirmed"),
        (Action.RESCHEDULE_ACCEPT, "confirmed", "confirmed"),
        (Action.RESCHEDULE_DECLINE, "confirmed", "cancelled"),
    ],
)
def test_legal_moves(action, status, target):
    assert transition_target(action, status) == target


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (Action.ACCEPT, "confirmed"),
        (Action.ACCEPT, "declined"),
        (Action.DECLINE, "confirmed"),
        (Action.CANCEL, "completed"),
        (Action.CANCEL, "expired"),
        (Action.EXPIRE_UNANSWERED, "confirmed"),
        (Action.RESCHEDULE_PROPOSE, "cancelled"),
        (Action.RESCHEDULE_ACCEPT, "completed"),
    ],
)
def test_illegal_moves_are_refused_with_the_status(action, status):
    with pytest.raises(TransitionRefused) as refused:
        transition_target(action, status)
    assert refused.value.status == status


@pytest.mark.parametrize(
    ("status", "frees"),
    [
        ("pending", False),
        ("confirmed", False),
        ("completed", False),
        ("declined", True),
        ("cancelled", True),
        ("expired", True),
    ],
)
def test_which_statuses_free_the_calls_time(status, frees):
    assert releases_time(status) is frees
