"""Confirmed calls for the calls tests, made through the real booking services.

The slot engine never offers a start inside the expert's minimum notice, so a call is
booked, paid on the test checkout and accepted at a normal slot two or more days
ahead, then moved to the moment a test needs (a set-up shortcut: the call's row only).
``in_the_room`` records both participants' joins the way LiveKit's webhooks do (another
shortcut; the webhook tests go through the signed endpoint).
"""

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from accounts.storefront.services_areas import area_create
from calls.models import Call, CallAttendance, CallStatus
from scheduling.bookings.transitions import booking_accept
from scheduling.models_booking import Booking
from tests.bookings.helpers import book, lagos_at, pay
from tests.scheduling.conftest import every_day, set_week, set_zone


def open_every_day(user, **rules):
    profile = set_zone(user, "Africa/Lagos", **rules)
    set_week(profile, *every_day("09:00", "17:00"))
    return profile


def bookable_day(n: int = 2) -> dt.datetime:
    """A start every expert set up here offers: ``n`` days ahead at 09:00 Lagos."""
    return lagos_at(days=n, time="09:00")


def call_at(booking: Booking, start: dt.datetime) -> Booking:
    """Move the booking's call to ``start`` (keeping its duration)."""
    call = booking.call
    Call.objects.filter(pk=call.pk).update(
        scheduled_start=start, scheduled_end=start + dt.timedelta(minutes=call.duration_minutes)
    )
    return fresh(booking)


def in_the_room(booking: Booking, *, since: dt.datetime | None = None) -> Booking:
    """Both participants joined the call's room at ``since`` (default: its start) and are
    still there: their attendance rows, and the call in progress."""
    call = booking.call
    since = since or call.scheduled_start
    for user_id, sid in ((call.expert_id, "PA_expert"), (call.client_id, "PA_client")):
        CallAttendance.objects.create(call=call, user_id=user_id, participant_sid=sid, joined_at=since)
    Call.objects.filter(pk=call.pk).update(status=CallStatus.IN_PROGRESS, started_at=since)
    return fresh(booking)


def live(booking: Booking) -> Booking:
    """The booking's call started 5 minutes ago with both participants in the room."""
    return in_the_room(call_at(booking, timezone.now() - dt.timedelta(minutes=5)))


def paid(client, area, *, day: int = 2) -> Booking:
    with TestCase.captureOnCommitCallbacks(execute=True):
        booking = book(client, area, bookable_day(day))
    with TestCase.captureOnCommitCallbacks(execute=True):
        pay(booking)
    return fresh(booking)


def confirmed(client, area, *, start: dt.datetime | None = None, day: int = 2) -> Booking:
    """A paid, accepted booking whose call starts at ``start`` (default: in 5 minutes)."""
    booking = paid(client, area, day=day)
    with TestCase.captureOnCommitCallbacks(execute=True):
        booking_accept(booking=booking, actor=booking.call.expert)
    return call_at(booking, start or timezone.now() + dt.timedelta(minutes=5))


def fresh(booking: Booking) -> Booking:
    return Booking.objects.select_related("call", "call__payment", "call__expert", "call__client").get(pk=booking.pk)


@pytest.fixture
def bob_hour(bob_expert):
    """Bob, open 09:00–17:00 Lagos every day, selling an hour at ₦15,000."""
    return area_create(expert=open_every_day(bob_expert), title="Career advice", duration_minutes=60, price=1_500_000)


@pytest.fixture
def carol_hour(carol_expert):
    return area_create(expert=open_every_day(carol_expert), title="Fundraising", duration_minutes=60, price=900_000)


@pytest.fixture
def bob_call(alice_client, bob_hour) -> Booking:
    """Alice's confirmed hour with bob, starting in 5 minutes (inside the join window)."""
    return confirmed(alice_client, bob_hour)


@pytest.fixture
def bob_live_call(bob_call) -> Booking:
    """The same call, started 5 minutes ago, with alice and bob both in the room."""
    return live(bob_call)
