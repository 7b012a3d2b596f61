"""Short ways to set up bookings in tests (through the real services)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from payments.models import Payment
from payments.providers.test import checkout_pay
from scheduling.bookings.services import booking_create
from scheduling.models_booking import Booking

LAGOS = ZoneInfo("Africa/Lagos")


def lagos_at(*, days: int, time: str) -> dt.datetime:
    """``days`` after today (in Lagos) at ``time`` Lagos wall clock, aware."""
    hours, minutes = (int(part) for part in time.split(":"))
    day = timezone.now().astimezone(LAGOS).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=LAGOS)


def book(client, area, start) -> Booking:
    return booking_create(client=client, area=area, start=start)


def pay(booking: Booking) -> Payment:
    """Pay on the test provider's checkout; its charge.success webhook holds the payment."""
    payment = Payment.objects.get(call__booking=booking)
    checkout_pay(reference=payment.reference)
    payment.refresh_from_db()
    return payment


def paid_booking(client, area, start) -> Booking:
    booking = book(client, area, start)
    pay(booking)
    booking.refresh_from_db()
    return booking


def fresh(booking: Booking) -> Booking:
    return Booking.objects.select_related("call", "call__payment").get(pk=booking.pk)


def slots_url(area, day: dt.date) -> str:
    """The public slots of ``area`` on ``day`` (Lagos time), as the booking widget asks."""
    return f"/api/v1/experts/{area.expert_id}/slots?area={area.pk}&from={day}&to={day}&tz=Africa/Lagos"
