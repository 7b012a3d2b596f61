"""Periodic jobs of the payments app (thin and idempotent, retried with backoff)."""

from celery import shared_task
from django.db import DatabaseError

from payments.errors import PaymentProviderUnavailable
from payments.payout_services import payout_send, payouts_reconcile
from payments.services import webhook_events_retry


@shared_task(
    name="payments.tasks.payment_webhooks_retry", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5
)
def payment_webhooks_retry() -> int:
    """Stored webhook events whose processing failed are processed again."""
    return webhook_events_retry()


@shared_task(
    name="payments.tasks.payout_send",
    autoretry_for=(PaymentProviderUnavailable, DatabaseError),
    retry_backoff=True,
    max_retries=8,
)
def payout_send_job(payout_id: int) -> str | None:
    """Send one payout (idempotent: a payout already sent is verified, not sent again)."""
    payout = payout_send(payout_id=payout_id)
    return None if payout is None else payout.status


@shared_task(name="payments.tasks.payouts_reconcile", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def payouts_reconcile_job() -> int:
    """Payouts whose job was lost are sent; unsettled ones are verified again."""
    return payouts_reconcile()
