"""Background jobs of notifications: thin, idempotent wrappers around services."""

from celery import shared_task

from notifications.emails import notification_email_send
from notifications.reminders import reminders_send_due


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def send_notification_email(notification_id: int) -> bool:
    """Mail servers fail now and then (OSError covers SMTP and socket errors): retried
    with backoff; a notification is emailed at most once."""
    return notification_email_send(notification_id=notification_id)


@shared_task
def send_due_reminders() -> int:
    """Every minute (beat): reminders 24 h and 10 min before each confirmed call."""
    return reminders_send_due()
