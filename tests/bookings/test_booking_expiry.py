"""Expiry jobs: unpaid bookings free their slot after 30 minutes; requests the expert never
answered expire at the start and are refunded. Both are idempotent, and run through the
real Celery app."""

import datetime as dt

import pytest
from django.utils import timezone

from payments.models import TestTransaction
from scheduling.bookings.transitions import booking_expire_unanswered, booking_expire_unpaid
from scheduling.models_booking import Booking
from scheduling.tasks import bookings_expire_unanswered, bookings_expire_unpaid
from tests.bookings.helpers import book, fresh, paid_booking, pay

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_unpaid_booking_expires_after_thirty_minutes(alice_client, dave_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    created = fresh(booking).created_at

    assert booking_expire_unpaid(now=created + dt.timedelta(minutes=29)) == 0
    assert fresh(booking).status == "pending"

    assert booking_expire_unpaid(now=created + dt.timedelta(minutes=30)) == 1
    booking = fresh(booking)
    assert booking.status == "expired"
    assert (booking.call.status, booking.call.active) == ("cancelled", False)
    assert booking.call.payment.status == "failed"
    assert book(dave_client, bob_hour, slot).status == "pending"  # the slot is free again


def test_expiring_unpaid_bookings_twice_changes_nothing_more(alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    later = fresh(booking).created_at + dt.timedelta(hours=1)
    assert booking_expire_unpaid(now=later) == 1
    assert booking_expire_unpaid(now=later) == 0
    assert booking.events.filter(action="expired_unpaid").count() == 1


def test_a_paid_booking_never_expires_as_unpaid(alice_client, bob_hour, slot):
    booking = paid_booking(alice_client, bob_hour, slot)
    assert booking_expire_unpaid(now=timezone.now() + dt.timedelta(hours=1)) == 0
    assert fresh(booking).status == "pending"


def test_a_payment_arriving_after_expiry_is_refunded(alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    booking_expire_unpaid(now=timezone.now() + dt.timedelta(hours=1))

    payment = pay(booking)  # the client was still on the checkout page

    assert payment.status == "refunded"
    assert TestTransaction.objects.get(reference=payment.reference).status == "reversed"
    assert fresh(booking).status == "expired"
    assert list(booking.events.values_list("action", flat=True)) == [
        "created",
        "expired_unpaid",
        "payment_held",
        "refunded",
    ]


def test_an_unanswered_request_expires_at_the_start_and_is_refunded(alice_client, bob_hour, slot):
    booking = paid_booking(alice_client, bob_hour, slot)

    assert booking_expire_unanswered(now=slot - dt.timedelta(minutes=1)) == 0
    assert booking_expire_unanswered(now=slot) == 1

    booking = fresh(booking)
    assert booking.status == "expired"
    assert booking.call.status == "cancelled"
    assert booking.call.payment.status == "refunded"
    assert booking_expire_unanswered(now=slot + dt.timedelta(hours=1)) == 0


def test_an_accepted_booking_does_not_expire(api_as, alice_client, bob_expert, bob_hour, slot):
    booking = paid_booking(alice_client, bob_hour, slot)
    api_as(bob_expert).post(f"/api/v1/bookings/{booking.pk}/accept")
    assert booking_expire_unanswered(now=slot + dt.timedelta(minutes=5)) == 0
    assert fresh(booking).status == "confirmed"


def test_the_celery_task_expires_unpaid_bookings(alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    Booking.objects.filter(pk=booking.pk).update(created_at=timezone.now() - dt.timedelta(minutes=31))

    result = bookings_expire_unpaid.apply()

    assert result.successful() and result.result == 1
    assert fresh(booking).status == "expired"


def test_the_celery_task_expires_unanswered_requests(alice_client, bob_hour, slot):
    booking = paid_booking(alice_client, bob_hour, slot)
    # the start has passed (moved into the past directly: the services never would)
    booking.call.__class__.objects.filter(pk=booking.call_id).update(
        scheduled_start=timezone.now() - dt.timedelta(minutes=1),
        scheduled_end=timezone.now() + dt.timedelta(minutes=59),
    )

    result = bookings_expire_unanswered.delay()

    assert result.successful() and result.result == 1
    assert fresh(booking).call.payment.status == "refunded"


def test_the_beat_schedule_runs_the_expiry_jobs():
    from procusmeet.celery import app

    app.loader.import_default_modules()  # what a worker does at start: autodiscover every tasks.py
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"scheduling.tasks.bookings_expire_unpaid", "scheduling.tasks.bookings_expire_unanswered"} <= tasks
    assert all(name in app.tasks for name in tasks if name.startswith(("scheduling.", "payments.")))
