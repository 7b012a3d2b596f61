"""Periodic jobs of the payments app (thin and idempotent, retried with backoff)."""

from celery import shared_task
from django.db import DatabaseError

from payments.services import webhook_events_retry


@shared_task(
    name="payments.tasks.payment_webhooks_retry", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5
)
def payment_webhooks_retry() -> int:
    """Stored webhook events whose processing failed are processed again."""
    return webhook_events_retry()
