"""Notification fixtures: bookings made through the real booking services (bob sells an
hour, alice books and pays with the test provider), with every after-commit reaction
(notifications, emails, invites, reminders) run as it would be in production."""

import datetime as dt

import pytest
from django.core import mail

from accounts.services import user_profile_update
from accounts.storefront.services_areas import area_create
from payments.providers.test import checkout_pay
from scheduling.bookings.reschedules import reschedule_accept, reschedule_propose
from scheduling.bookings.services import booking_create
from scheduling.bookings.transitions import booking_accept, booking_cancel
from scheduling.services import RangeSpec, weekly_ranges_replace

UTC = dt.UTC


def quarter_hour_after(delta: dt.timedelta) -> dt.datetime:
    moment = dt.datetime.now(UTC) + delta
    return moment.replace(minute=(moment.minute // 15) * 15, second=0, microsecond=0)


@pytest.fixture
def bob_hour(bob_expert):
    """Bob (UTC, free all day, no notice) sells a 60-minute call."""
    user_profile_update(user=bob_expert, changes={"timezone": "UTC", "min_notice_minutes": 0})
    profile = bob_expert.expert_profile.__class__.objects.get(pk=bob_expert.expert_profile.pk)
    weekly_ranges_replace(expert=profile, ranges=[RangeSpec(day, 0, 1440) for day in range(7)])
    return area_create(expert=profile, title="Career advice", duration_minutes=60, price=1_500_000)


@pytest.fixture
def bookings(alice_client, bob_expert, bob_hour, django_capture_on_commit_callbacks):
    """Booking steps with their after-commit work executed: ``bookings.paid(start)``,
    ``bookings.confirmed(start)``, ``bookings.cancel(b, by)``, ``bookings.move(b, start)``."""

    class Steps:
        def run(self, action):
            with django_capture_on_commit_callbacks(execute=True):
                return action()

        def paid(self, start: dt.datetime):
            booking = self.run(lambda: booking_create(client=alice_client, area=bob_hour, start=start))
            self.run(lambda: checkout_pay(reference=booking.call.payment.reference))
            booking.refresh_from_db()
            return booking

        def confirmed(self, start: dt.datetime):
            booking = self.paid(start)
            self.run(lambda: booking_accept(booking=booking, actor=bob_expert))
            booking.refresh_from_db()
            return booking

        def cancel(self, booking, by):
            self.run(lambda: booking_cancel(booking=booking, actor=by))
            booking.refresh_from_db()
            return booking

        def move(self, booking, start: dt.datetime):
            self.run(lambda: reschedule_propose(booking=booking, actor=bob_expert, start=start))
            self.run(lambda: reschedule_accept(booking=booking, actor=alice_client))
            booking.refresh_from_db()
            booking.call.refresh_from_db()
            return booking

    mail.outbox.clear()
    return Steps()
