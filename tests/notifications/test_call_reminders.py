import datetime as dt
import threading

import pytest
from django.db import connection

from notifications.models import Notification, NotificationKind, Reminder, ReminderState
from notifications.reminders import reminders_send_due
from notifications.tasks import send_notification_email
from tests.notifications.conftest import quarter_hour_after

DAY, SOON = NotificationKind.CALL_REMINDER_DAY, NotificationKind.CALL_REMINDER_SOON


def reminders_of(kind) -> list[tuple[str, str]]:
    rows = Notification.objects.filter(kind=kind).order_by("pk").values_list("user__email", "title")
    return list(rows)


def test_confirming_plans_both_reminders_at_the_calls_start(bookings):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    start = booking.call.scheduled_start

    planned = set(Reminder.objects.values_list("kind", "scheduled_start", "due_at", "state"))

    assert planned == {
        ("day", start, start - dt.timedelta(hours=24), ReminderState.PLANNED),
        ("soon", start, start - dt.timedelta(minutes=10), ReminderState.PLANNED),
    }


def test_each_reminder_reaches_both_sides_exactly_once(bookings):
    start = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3))).call.scheduled_start

    assert reminders_send_due(now=start - dt.timedelta(hours=30)) == 0
    assert reminders_send_due(now=start - dt.timedelta(hours=23)) == 1
    assert reminders_send_due(now=start - dt.timedelta(hours=23)) == 0  # the job runs again: nothing twice
    assert reminders_of(DAY) == [
        ("alice@example.com", "Reminder: your call with Bob Expert is tomorrow"),
        ("bob@example.com", "Reminder: your call with Alice Client is tomorrow"),
    ]
    assert reminders_of(SOON) == []

    assert reminders_send_due(now=start - dt.timedelta(minutes=9)) == 1
    assert reminders_send_due(now=start - dt.timedelta(minutes=8)) == 0
    assert [email for email, _title in reminders_of(SOON)] == ["alice@example.com", "bob@example.com"]
    assert len(reminders_of(DAY)) == 2


def test_reminders_are_emailed(bookings, mailoutbox, django_capture_on_commit_callbacks):
    start = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3))).call.scheduled_start
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send_due(now=start - dt.timedelta(minutes=5))

    assert sorted(message.to[0] for message in mailoutbox) == ["alice@example.com", "bob@example.com"]
    assert {message.subject for message in mailoutbox} == {
        "Your call with Bob Expert starts in 10 minutes",
        "Your call with Alice Client starts in 10 minutes",
    }


def test_a_call_booked_for_within_a_day_gets_only_the_ten_minute_reminder(bookings):
    bookings.confirmed(quarter_hour_after(dt.timedelta(hours=5)))

    assert list(Reminder.objects.values_list("kind", flat=True)) == ["soon"]


def test_a_rescheduled_call_is_reminded_at_its_new_time_only(bookings):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    old_start = booking.call.scheduled_start
    new_start = bookings.move(booking, quarter_hour_after(dt.timedelta(days=5))).call.scheduled_start

    assert Reminder.objects.filter(scheduled_start=new_start).count() == 2
    assert reminders_send_due(now=old_start - dt.timedelta(minutes=5)) == 0
    assert set(Reminder.objects.filter(scheduled_start=old_start).values_list("state", flat=True)) == {"skipped"}
    assert reminders_of(DAY) == reminders_of(SOON) == []

    assert reminders_send_due(now=new_start - dt.timedelta(hours=20)) == 1
    assert reminders_send_due(now=new_start - dt.timedelta(minutes=5)) == 1
    assert len(reminders_of(DAY)) == len(reminders_of(SOON)) == 2


def test_a_cancelled_call_gets_no_reminder(bookings, alice_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    bookings.cancel(booking, alice_client)

    assert reminders_send_due(now=booking.call.scheduled_start - dt.timedelta(minutes=5)) == 0
    assert reminders_of(DAY) == reminders_of(SOON) == []
    assert set(Reminder.objects.values_list("state", flat=True)) == {"skipped"}


def test_reminders_too_late_to_be_true_are_skipped(bookings):
    start = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3))).call.scheduled_start

    assert reminders_send_due(now=start - dt.timedelta(hours=2)) == 0  # "tomorrow" is no longer true
    assert reminders_send_due(now=start + dt.timedelta(minutes=1)) == 0  # the call has started
    assert reminders_of(DAY) == reminders_of(SOON) == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_at_once_send_each_reminder_once(bookings, monkeypatch):
    start = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3))).call.scheduled_start
    # Emails are not under test here, and Celery's eager mode keeps a process-wide
    # "inside a task" flag that two threads queueing at once can leave set for later tests.
    monkeypatch.setattr(send_notification_email, "delay", lambda notification_id: None)
    barrier = threading.Barrier(2)
    sent = []

    def worker():
        barrier.wait()
        try:
            sent.append(reminders_send_due(now=start - dt.timedelta(hours=20)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(sent) == [0, 1]
    assert len(reminders_of(DAY)) == 2


def test_the_ten_minute_reminder_leads_to_the_lobby_and_the_days_to_the_booking(bookings):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    start = booking.call.scheduled_start
    reminders_send_due(now=start - dt.timedelta(hours=23))
    reminders_send_due(now=start - dt.timedelta(minutes=9))

    urls = set(Notification.objects.filter(kind__in=[DAY, SOON]).values_list("kind", "url"))

    assert urls == {(DAY, f"/bookings/{booking.pk}/"), (SOON, f"/calls/{booking.call.pk}/lobby/")}
