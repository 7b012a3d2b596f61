"""Double booking is impossible, whatever the concurrency: real threads, each with its own
PostgreSQL connection, race for the same time; exactly one wins."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connections, transaction

from accounts.models import Role
from accounts.services import user_create
from calls.models import Call
from payments.models import Payment
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.services import booking_create
from scheduling.models_booking import Booking
from tests.bookings.helpers import book

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 24
WAIT_SECONDS = 60


def race(attempts) -> list:
    """Run each ``attempt()`` in its own thread, released together; each returns the
    booking or the domain error it raised."""
    barrier = threading.Barrier(len(attempts))
    results = [None] * len(attempts)

    def run(index, attempt):
        try:
            barrier.wait(timeout=WAIT_SECONDS)
            results[index] = attempt()
        except ApplicationError as error:
            results[index] = error
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, attempt)) for i, attempt in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a racer is stuck"
    return results


def test_twenty_four_clients_racing_for_one_slot_leave_exactly_one_booking(bob_hour, slot):
    clients = [
        user_create(email=f"racer{n}@example.com", full_name=f"Racer {n}", role=Role.CLIENT) for n in range(RACERS)
    ]

    results = race(
        [lambda client=client: booking_create(client=client, area=bob_hour, start=slot) for client in clients]
    )

    winners = [result for result in results if isinstance(result, Booking)]
    losers = [result for result in results if isinstance(result, ApplicationError)]
    assert len(winners) == 1
    assert len(losers) == RACERS - 1
    assert {(error.status_code, error.code) for error in losers} == {(409, "slot_taken")}
    assert Call.objects.count() == Booking.objects.count() == Payment.objects.count() == 1
    assert Call.objects.get().client_id == winners[0].call.client_id


def test_overlapping_starts_race_too(dave_client, alice_client, bob_hour, slot):
    """Different starts that overlap (09:00 and 09:30 for an hour) cannot both win."""
    results = race(
        [
            lambda: booking_create(client=alice_client, area=bob_hour, start=slot),
            lambda: booking_create(client=dave_client, area=bob_hour, start=slot + dt.timedelta(minutes=30)),
        ]
    )
    assert sum(isinstance(result, Booking) for result in results) == 1
    assert Call.objects.count() == 1


def test_one_client_racing_for_two_experts_at_the_same_time_wins_once(alice_client, bob_hour, carol_hour, slot):
    """No shared lock here (two experts): PostgreSQL's exclusion constraint decides."""
    results = race(
        [
            lambda: booking_create(client=alice_client, area=bob_hour, start=slot),
            lambda: booking_create(client=alice_client, area=carol_hour, start=slot + dt.timedelta(minutes=15)),
        ]
    )
    errors = [result for result in results if isinstance(result, ApplicationError)]
    assert sum(isinstance(result, Booking) for result in results) == 1
    assert [(error.status_code, error.code) for error in errors] == [(409, "client_busy")]
    assert Call.objects.count() == Booking.objects.count() == Payment.objects.count() == 1


def _call_like(call: Call, **changes) -> Call:
    values = {
        "expert_id": call.expert_id,
        "client_id": call.client_id,
        "area_id": call.area_id,
        "scheduled_start": call.scheduled_start,
        "duration_minutes": call.duration_minutes,
        "scheduled_end": call.scheduled_end,
        **changes,
    }
    return Call(**values)


def test_the_database_refuses_overlapping_active_calls_of_one_expert(alice_client, dave_client, bob_hour, slot):
    call = book(alice_client, bob_hour, slot).call
    overlapping = _call_like(call, client_id=dave_client.pk, scheduled_start=slot + dt.timedelta(minutes=59))
    overlapping.scheduled_end = overlapping.scheduled_start + dt.timedelta(minutes=60)
    with pytest.raises(IntegrityError, match="call_expert_no_overlap"), transaction.atomic():
        overlapping.save()


def test_the_database_refuses_overlapping_active_calls_of_one_client(alice_client, bob_hour, carol_hour, slot):
    call = book(alice_client, bob_hour, slot).call
    other_expert = _call_like(call, expert_id=carol_hour.expert.user_id, area_id=carol_hour.pk)
    with pytest.raises(IntegrityError, match="call_client_no_overlap"), transaction.atomic():
        other_expert.save()


def test_back_to_back_and_inactive_calls_are_allowed(alice_client, dave_client, bob_hour, slot):
    call = book(alice_client, bob_hour, slot).call
    end = call.scheduled_end
    _call_like(call, client_id=dave_client.pk, scheduled_start=end, scheduled_end=end + dt.timedelta(hours=1)).save()
    _call_like(call, client_id=dave_client.pk, active=False).save()
    assert Call.objects.count() == 3
