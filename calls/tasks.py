"""Periodic job of the calls app: a thin, idempotent wrapper over the no-show service,
retried with backoff when the database is briefly away."""

from celery import shared_task
from django.db import DatabaseError

from calls.services import calls_mark_no_show


@shared_task(name="calls.tasks.calls_mark_no_show", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def calls_mark_no_show_task() -> int:
    """Calls someone never joined, past their end plus the grace period, become no-shows
    (the client is refunded in full once the change is committed)."""
    return calls_mark_no_show()
