"""Background jobs of calendar sync: thin, idempotent wrappers around services."""

from celery import shared_task

from calendars.services import external_calendar_refresh, external_calendars_due


@shared_task(ignore_result=True)
def refresh_external_calendar(calendar_id: int) -> None:
    external_calendar_refresh(calendar_id=calendar_id)


@shared_task(ignore_result=True)
def refresh_external_calendars() -> int:
    """Every few minutes (beat): queue a fetch of each calendar that is due, one task each,
    so a slow feed never delays the others."""
    due = external_calendars_due()
    for calendar_id in due:
        refresh_external_calendar.delay(calendar_id)
    return len(due)
