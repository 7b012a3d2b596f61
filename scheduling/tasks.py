"""Periodic jobs of the booking lifecycle: thin, idempotent wrappers over the services,
retried with backoff when the database or the payment provider is briefly away."""

from celery import shared_task
from django.db import DatabaseError

from payments.errors import PaymentProviderUnavailable
from scheduling.bookings.payments import booking_refunds_retry
from scheduling.bookings.transitions import booking_expire_unanswered, booking_expire_unpaid

_RETRY = {"autoretry_for": (DatabaseError, PaymentProviderUnavailable), "retry_backoff": True, "max_retries": 5}


@shared_task(name="scheduling.tasks.bookings_expire_unpaid", **_RETRY)
def bookings_expire_unpaid() -> int:
    """Pending bookings not paid within ``BOOKING_PAYMENT_MINUTES`` expire (slot freed)."""
    return booking_expire_unpaid()


@shared_task(name="scheduling.tasks.bookings_expire_unanswered", **_RETRY)
def bookings_expire_unanswered() -> int:
    """Pending bookings the expert has not answered by the start expire and are refunded."""
    return booking_expire_unanswered()


@shared_task(name="scheduling.tasks.booking_refunds_retry", **_RETRY)
def booking_refunds_retry_task() -> int:
    """Refunds that failed (or never ran) for ended bookings are tried again."""
    return booking_refunds_retry()
