"""``slot_inputs_of`` reads one expert's engine inputs with a hand-written query (the
slots endpoint's hot path); it must read exactly what the ORM readers of the same rows
(``availability_of_many``, ``busy_intervals_of_many``, used by the directory) read."""

import datetime as dt

import pytest

from calendars.models import ExternalBusy, ExternalCalendar
from scheduling.bookings.services import booking_create
from scheduling.bookings.transitions import booking_cancel
from scheduling.next_slots import busy_intervals_of_many
from scheduling.services import date_override_create
from scheduling.slot_inputs import availability_of_many, slot_inputs_of
from tests.scheduling.conftest import UTC, every_day, set_week, set_zone

NOW = dt.datetime(2026, 3, 26, 7, 0, tzinfo=UTC)  # a Thursday, days before London's change
FIRST, LAST = dt.date(2026, 3, 27), dt.date(2026, 4, 3)
WINDOW = (dt.datetime(2026, 3, 27, tzinfo=UTC), dt.datetime(2026, 4, 3, tzinfo=UTC))


def _orm_inputs(profile):
    availability = availability_of_many(experts=[profile], first_date=FIRST, last_date=LAST)[profile.pk]
    return availability, busy_intervals_of_many(experts=[profile], window=WINDOW)[profile.pk]


def _same(one, other) -> bool:
    (availability, busy), (expected, expected_busy) = one, other
    return (
        availability.timezone == expected.timezone
        and sorted(availability.weekly, key=repr) == sorted(expected.weekly, key=repr)
        and sorted(availability.overrides, key=repr) == sorted(expected.overrides, key=repr)
        and sorted(busy, key=repr) == sorted(expected_busy, key=repr)
    )


@pytest.fixture
def busy_bob(bob_expert, bob_hour, carol_expert, carol_hour, alice_client, dave_client, frozen_now):
    """Bob in London with every kind of row, in and out of the window; Carol's rows
    alongside, which must never leak into Bob's."""
    frozen_now(NOW)
    profile = set_zone(bob_expert, "Europe/London", min_notice_minutes=0, buffer_before_minutes=15)
    set_week(profile, *every_day("09:00", "12:00"), (2, "12:00", "24:00"))
    date_override_create(expert=profile, date=dt.date(2026, 3, 29), kind="unavailable")
    date_override_create(expert=profile, date=dt.date(2026, 3, 30), kind="unavailable", start_minute=600, end_minute=660)
    date_override_create(expert=profile, date=dt.date(2026, 3, 31), kind="available", start_minute=1200, end_minute=1440)
    date_override_create(expert=profile, date=dt.date(2026, 4, 20), kind="available", start_minute=60, end_minute=120)
    booking_create(client=alice_client, area=bob_hour, start=dt.datetime(2026, 3, 27, 9, 15, tzinfo=UTC))
    cancelled = booking_create(client=dave_client, area=bob_hour, start=dt.datetime(2026, 3, 28, 10, tzinfo=UTC))
    booking_cancel(booking=cancelled, actor=dave_client)
    booking_create(client=dave_client, area=bob_hour, start=dt.datetime(2026, 4, 1, 8, 15, tzinfo=UTC))
    work = ExternalCalendar.objects.create(user=bob_expert, name="Work", url="https://calendar.example/bob.ics")
    for day, hours in ((27, 3), (30, 1), (25, 2)):  # the last ends before the window
        start = dt.datetime(2026, 3, day, 13, tzinfo=UTC)
        ExternalBusy.objects.create(calendar=work, user=bob_expert, start=start, end=start + dt.timedelta(hours=hours))
    carol = set_zone(carol_expert, "Asia/Kathmandu", min_notice_minutes=0)
    set_week(carol, *every_day("00:00", "24:00"))
    date_override_create(expert=carol, date=dt.date(2026, 3, 30), kind="unavailable")
    booking_create(client=alice_client, area=carol_hour, start=dt.datetime(2026, 3, 27, 12, 15, tzinfo=UTC))
    return profile


def test_the_hand_written_query_reads_what_the_orm_reads(busy_bob, django_assert_num_queries):
    with django_assert_num_queries(1):
        inputs = slot_inputs_of(expert=busy_bob, first_date=FIRST, last_date=LAST, busy_window=WINDOW)
    assert _same(inputs, _orm_inputs(busy_bob))
    availability, busy = inputs
    assert len(availability.weekly) == 8
    assert {override.date for override in availability.overrides} == {dt.date(2026, 3, d) for d in (29, 30, 31)}
    assert sorted((item.start.isoformat(), item.is_call) for item in busy) == [
        ("2026-03-27T09:15:00+00:00", True),
        ("2026-03-27T13:00:00+00:00", False),
        ("2026-03-30T13:00:00+00:00", False),
        ("2026-04-01T08:15:00+00:00", True),
    ]
    assert all(item.start.utcoffset() == dt.timedelta(0) for item in busy)


def test_one_call_can_be_left_out(busy_bob):
    call = busy_bob.user.calls_as_expert.get(scheduled_start=dt.datetime(2026, 4, 1, 8, 15, tzinfo=UTC))
    _availability, busy = slot_inputs_of(
        expert=busy_bob, first_date=FIRST, last_date=LAST, busy_window=WINDOW, exclude_call_id=call.pk
    )
    assert [item.start for item in busy if item.is_call] == [dt.datetime(2026, 3, 27, 9, 15, tzinfo=UTC)]


def test_an_expert_with_nothing_reads_nothing(carol_expert, frozen_now):
    frozen_now(NOW)
    availability, busy = slot_inputs_of(
        expert=carol_expert.expert_profile, first_date=FIRST, last_date=LAST, busy_window=WINDOW
    )
    assert (list(availability.weekly), list(availability.overrides), busy) == ([], [], [])
