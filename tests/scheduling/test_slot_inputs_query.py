"""``slot_inputs_of`` reads one expert's engine inputs with a hand-written query (the
slots endpoint's hot path); it must read exactly what the ORM readers of the same rows
(``availability_of_many``, ``busy_intervals_of_many``, used by the directory) read."""

import datetime as dt

import pytest

from accounts.models import Role, User
from accounts.services import user_deactivate
from accounts.storefront.services import expert_hide
from accounts.storefront.services_areas import area_update
from calendars.models import ExternalBusy, ExternalCalendar
from scheduling.bookings.services import booking_create
from scheduling.bookings.transitions import booking_cancel
from scheduling.errors import AreaNotFound, ExpertNotFound
from scheduling.next_slots import busy_intervals_of_many
from scheduling.selectors import bookable_area, rules_of
from scheduling.services import date_override_create
from scheduling.slot_inputs import availability_of_many, public_slot_inputs, slot_inputs_of
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


def _bookable_by_the_orm(expert_id: int, area_id: int):
    try:
        area = bookable_area(expert_id=expert_id, area_id=area_id)
    except (ExpertNotFound, AreaNotFound):
        return None
    return area.expert.pk, area.expert.user_id, area.expert.timezone, rules_of(area.expert), area.duration_minutes


def _bookable_by_hand(expert_id: int, area_id: int):
    read = public_slot_inputs(expert_id=expert_id, area_id=area_id, window=WINDOW)
    if read is None:
        return None
    return read.expert.pk, read.expert.user_id, read.expert.timezone, rules_of(read.expert), read.duration_minutes


def _hide(profile, area):
    expert_hide(profile=profile)


def _deactivate(profile, area):
    user_deactivate(user=profile.user)


def _make_client(profile, area):
    User.objects.filter(pk=profile.user_id).update(role=Role.CLIENT)


def _retire_area(profile, area):
    area_update(area=area, active=False)


@pytest.mark.parametrize("change", [None, _hide, _deactivate, _make_client, _retire_area])
def test_the_public_expert_and_area_are_those_of_bookable_area(bob_hour, carol_hour, change, django_assert_num_queries):
    """Whoever ``experts_public`` hides and whichever area is not bookable, the public
    slots' one query agrees with ``bookable_area``, for the right and the wrong pairs of ids."""
    bob = set_zone(bob_hour.expert.user, "Asia/Kathmandu", buffer_before_minutes=10, daily_limit=3)
    if change is not None:
        change(bob, bob_hour)
    carol = carol_hour.expert
    pairs = [(bob.pk, bob_hour.pk), (bob.pk, carol_hour.pk), (carol.pk, carol_hour.pk), (carol.pk, bob_hour.pk)]
    pairs += [(bob.pk + 999, bob_hour.pk), (bob.pk, carol_hour.pk + 999)]
    for expert_id, area_id in pairs:
        with django_assert_num_queries(1):
            by_hand = _bookable_by_hand(expert_id, area_id)
        assert by_hand == _bookable_by_the_orm(expert_id, area_id)
    assert (_bookable_by_hand(bob.pk, bob_hour.pk) is None) == (change is not None)
    assert _bookable_by_hand(bob.pk, bob_hour.pk) in (None, (bob.pk, bob.user_id, "Asia/Kathmandu", rules_of(bob), 60))


def test_the_public_query_reads_what_slot_inputs_of_reads_in_its_bounds(
    a_client_first, busy_bob, bob_hour, django_assert_num_queries
):
    assert busy_bob.pk != busy_bob.user_id
    with django_assert_num_queries(1):
        read = public_slot_inputs(expert_id=busy_bob.pk, area_id=bob_hour.pk, window=WINDOW)
    assert (read.first_date, read.last_date) == (dt.date(2026, 3, 24), dt.date(2026, 4, 6))
    assert read.busy_window == (WINDOW[0] - dt.timedelta(days=3), WINDOW[1] + dt.timedelta(days=3))
    expected = slot_inputs_of(expert=busy_bob, first_date=read.first_date, last_date=read.last_date, busy_window=read.busy_window)
    assert _same(read.inputs, expected)
    assert len(read.inputs[1]) == 5  # both calls and all three blocks, the one before the window too
    assert (read.duration_minutes, read.expert.buffer_before_minutes) == (60, 15)


def test_an_expert_without_any_input_row_still_gets_the_terms(carol_expert, carol_hour, frozen_now):
    frozen_now(NOW)
    read = public_slot_inputs(expert_id=carol_expert.expert_profile.pk, area_id=carol_hour.pk, window=WINDOW)
    assert (list(read.inputs[0].weekly), list(read.inputs[0].overrides), read.inputs[1]) == ([], [], [])
    assert read.expert.pk == carol_expert.expert_profile.pk


def test_the_public_read_covers_only_bounds_inside_its_own(carol_expert, carol_hour, frozen_now):
    """What it read is used only for bounds within its own; anything wider (never, for
    valid rules) is read again by ``slot_inputs_of``."""
    frozen_now(NOW)
    read = public_slot_inputs(expert_id=carol_expert.expert_profile.pk, area_id=carol_hour.pk, window=WINDOW)
    inside = {"first_date": read.first_date, "last_date": read.last_date, "busy_window": read.busy_window}
    assert read.covers(**inside)
    second = dt.timedelta(seconds=1)
    for wider in [
        {"first_date": read.first_date - dt.timedelta(days=1)},
        {"last_date": read.last_date + dt.timedelta(days=1)},
        {"busy_window": (read.busy_window[0] - second, read.busy_window[1])},
        {"busy_window": (read.busy_window[0], read.busy_window[1] + second)},
    ]:
        assert not read.covers(**{**inside, **wider})
