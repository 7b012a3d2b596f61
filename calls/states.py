"""The call's own state machine and its join window: pure data and checks, no database.

A call is ``scheduled`` until someone joins its room (``in_progress``), then
``completed`` when a participant ends it or LiveKit reports the room finished after both
joined; a call someone never joined becomes ``no_show``. Only a started call can be
completed (completing it pays the expert). ``cancelled`` belongs to the booking
lifecycle (its booking ended before the call).
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from calls.models import CallStatus

# SPEC §4: "Join" is enabled from 10 minutes before the start until the scheduled end.
JOIN_EARLY = dt.timedelta(minutes=10)


class Phase(StrEnum):
    BEFORE = "before"
    OPEN = "open"
    OVER = "over"


@dataclass(frozen=True)
class JoinWindow:
    opens_at: dt.datetime
    closes_at: dt.datetime

    def phase(self, now: dt.datetime) -> Phase:
        if now < self.opens_at:
            return Phase.BEFORE
        return Phase.OPEN if now < self.closes_at else Phase.OVER


def join_window(*, scheduled_start: dt.datetime, scheduled_end: dt.datetime) -> JoinWindow:
    return JoinWindow(opens_at=scheduled_start - JOIN_EARLY, closes_at=scheduled_end)


class CallAction(StrEnum):
    START = "start"  # the first participant joined the room
    END = "end"
    NO_SHOW = "no_show"


_RUNNING = frozenset({CallStatus.SCHEDULED, CallStatus.IN_PROGRESS})
TRANSITIONS: dict[CallAction, tuple[frozenset[str], str]] = {
    CallAction.START: (frozenset({CallStatus.SCHEDULED}), CallStatus.IN_PROGRESS),
    CallAction.END: (frozenset({CallStatus.IN_PROGRESS}), CallStatus.COMPLETED),
    CallAction.NO_SHOW: (_RUNNING, CallStatus.NO_SHOW),
}


class CallTransitionError(Exception):
    def __init__(self, action: CallAction, status: str):
        super().__init__(f"{action} is not allowed from {status}")
        self.action = action
        self.status = status


def call_transition_target(action: CallAction, status: str) -> str:
    """The status ``action`` leads to from ``status``, or ``CallTransitionError``."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise CallTransitionError(action, status)
    return target
