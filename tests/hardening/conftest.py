"""Hardening fixtures: bob (UTC, free all day, no notice) sells an hour; starts are
whole quarter hours a few days ahead. ``bob_hour``, ``fake_google`` and the LiveKit fixtures are
the ones the notification, account and call tests use."""

import datetime as dt

import pytest

from accounts.tokens import session_start
from tests.accounts.conftest import fake_google  # noqa: F401  (fixture reused)
from tests.calls.conftest import fake_livekit, livekit_settings  # noqa: F401  (fixtures reused)
from tests.notifications.conftest import bob_hour, quarter_hour_after  # noqa: F401  (fixture reused)


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {session_start(user=user, user_agent='pytest', ip='127.0.0.1').access}"}


@pytest.fixture
def start_in():
    """``start_in(days, hours=0)``: a start bob offers, as an aware UTC datetime."""

    def make(days: int, hours: int = 0) -> dt.datetime:
        return quarter_hour_after(dt.timedelta(days=days, hours=hours))

    return make
