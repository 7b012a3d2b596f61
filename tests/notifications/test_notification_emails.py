import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from notifications.emails import notification_email_send
from notifications.models import Notification, NotificationKind
from notifications.services import email_preferences_update, notification_create
from tests.notifications.conftest import quarter_hour_after


def emails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def calendar_part(message):
    """The ``text/calendar`` part of the sent MIME message, parsed, with its METHOD param."""
    parts = [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    part = parts[0]
    return part.get_param("method"), icalendar.Calendar.from_ical(part.get_payload(decode=True))


def only_event(calendar):
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


def test_the_acceptance_email_has_both_parts_a_link_and_a_calendar_invite(bookings, alice_client, settings):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))

    [message] = [m for m in emails_to("alice@example.com") if "accepted" in m.subject]
    assert message.subject == "Bob Expert accepted your booking"
    assert f"{settings.SITE_URL}/bookings/{booking.pk}/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and f'href="{settings.SITE_URL}/bookings/{booking.pk}/"' in html
    assert "/notifications/preferences/" in message.body

    method, calendar = calendar_part(message)
    assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
    event = only_event(calendar)
    assert str(event["UID"]) == f"booking-{booking.pk}@127.0.0.1"
    assert event["DTSTART"].dt == booking.call.scheduled_start
    assert f"DTSTART:{booking.call.scheduled_start:%Y%m%dT%H%M%S}Z" in calendar.to_ical().decode()  # written in UTC
    assert event["DTEND"].dt == booking.call.scheduled_end
    assert abs(event["DTSTAMP"].dt - timezone.now()) < dt.timedelta(minutes=1)
    assert int(event["SEQUENCE"]) == 0
    assert str(event["LOCATION"]).startswith(settings.SITE_URL + "/")
    assert "Bob Expert" in str(event["SUMMARY"])
    attendees = {str(address) for address in event["ATTENDEE"]}
    assert attendees == {"mailto:bob@example.com", "mailto:alice@example.com"}


def test_the_expert_gets_the_invite_too_titled_with_the_client(bookings, bob_expert):
    bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))

    [message] = [m for m in emails_to("bob@example.com") if m.subject.startswith("Confirmed")]
    _method, calendar = calendar_part(message)
    assert "Alice Client" in str(only_event(calendar)["SUMMARY"])


def test_a_reschedule_sends_the_same_uid_with_a_higher_sequence(bookings):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    new_start = quarter_hour_after(dt.timedelta(days=4))
    bookings.move(booking, new_start)

    [message] = [m for m in emails_to("bob@example.com") if "accepted the new time" in m.subject]
    method, calendar = calendar_part(message)
    event = only_event(calendar)
    assert method == "REQUEST" and str(event["UID"]) == f"booking-{booking.pk}@127.0.0.1"
    assert int(event["SEQUENCE"]) == 1 and event["DTSTART"].dt == new_start


def test_a_cancellation_sends_method_cancel_above_the_last_sequence(bookings, alice_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    bookings.move(booking, quarter_hour_after(dt.timedelta(days=4)))
    bookings.cancel(booking, alice_client)

    [message] = [m for m in emails_to("bob@example.com") if "cancelled your call" in m.subject]
    method, calendar = calendar_part(message)
    event = only_event(calendar)
    assert method == "CANCEL" and calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2
    assert str(event["UID"]) == f"booking-{booking.pk}@127.0.0.1"


def test_a_request_email_carries_no_invite(bookings):
    bookings.paid(quarter_hour_after(dt.timedelta(days=3)))

    [message] = emails_to("bob@example.com")
    assert message.subject == "New booking request from Alice Client"
    assert not [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]


def test_a_kind_turned_off_is_not_emailed_but_still_notified(bookings, bob_expert):
    email_preferences_update(user=bob_expert, changes={NotificationKind.BOOKING_REQUESTED: False})
    bookings.paid(quarter_hour_after(dt.timedelta(days=3)))

    assert emails_to("bob@example.com") == []
    assert Notification.objects.filter(user=bob_expert, kind=NotificationKind.BOOKING_REQUESTED).exists()
    assert emails_to("alice@example.com")  # alice's own preferences are untouched


@pytest.mark.django_db
def test_a_notification_is_emailed_at_most_once(alice_client):
    notification = notification_create(user=alice_client, kind=NotificationKind.PAYOUT_PAID, title="Paid", email=False)

    assert notification_email_send(notification_id=notification.pk) is True
    assert notification_email_send(notification_id=notification.pk) is False
    assert len(emails_to("alice@example.com")) == 1


@pytest.mark.django_db
def test_an_inactive_user_gets_no_email(alice_client):
    notification = notification_create(user=alice_client, kind=NotificationKind.PAYOUT_PAID, title="Paid", email=False)
    alice_client.is_active = False
    alice_client.save(update_fields=["is_active"])

    assert notification_email_send(notification_id=notification.pk) is False
    assert mail.outbox == []
