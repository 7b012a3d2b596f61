"""The call's state machine and join window: pure rules, no database."""

import datetime as dt

import pytest

from calls.states import CallAction, CallTransitionError, Phase, call_transition_target, join_window

START = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)
WINDOW = join_window(scheduled_start=START, scheduled_end=START + dt.timedelta(minutes=45))


@pytest.mark.parametrize(
    ("offset_minutes", "phase"),
    [(-10.01, Phase.BEFORE), (-10, Phase.OPEN), (0, Phase.OPEN), (44.99, Phase.OPEN), (45, Phase.OVER)],
)
def test_the_join_window_opens_ten_minutes_early_and_closes_at_the_scheduled_end(offset_minutes, phase):
    assert WINDOW.phase(START + dt.timedelta(minutes=offset_minutes)) == phase


@pytest.mark.parametrize(
    ("action", "status", "target"),
    [
        (CallAction.START, "scheduled", "in_progress"),
        (CallAction.END, "in_progress", "completed"),
        (CallAction.NO_SHOW, "scheduled", "no_show"),
        (CallAction.NO_SHOW, "in_progress", "no_show"),
    ],
)
def test_legal_moves(action, status, target):
    assert call_transition_target(action, status) == target


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (CallAction.START, "in_progress"),
        (CallAction.START, "completed"),
        (CallAction.END, "completed"),
        (CallAction.END, "cancelled"),
        (CallAction.END, "no_show"),
        (CallAction.NO_SHOW, "completed"),
        (CallAction.NO_SHOW, "cancelled"),
    ],
)
def test_ended_calls_never_move_again(action, status):
    with pytest.raises(CallTransitionError):
        call_transition_target(action, status)


def test_a_call_nobody_has_joined_cannot_be_completed():
    """Completing pays the expert: only a call someone joined (in progress) completes."""
    with pytest.raises(CallTransitionError):
        call_transition_target(CallAction.END, "scheduled")
