"""What both sides hear when their call is over: completed (the expert's earnings, the
client's review prompt) or missed (who did not join; the client is refunded in full).
In-app for the two participants only, emailed once committed, muted kinds not emailed,
and never a word of the expert's private notes."""

import datetime as dt

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from calls.models import CallAttendance
from calls.services import call_end, calls_mark_no_show
from calls.services_notes import note_create
from notifications.models import Notification, NotificationKind
from notifications.services import email_preferences_update
from tests.calls.bookings import call_at, live
from tests.notifications.conftest import quarter_hour_after

PRIVATE = "Private: thinks the pitch deck is weak"


@pytest.fixture
def live_call(bookings, settings):
    """Alice's call with bob, begun 5 minutes ago, both in the room (no LiveKit server)."""
    settings.LIVEKIT_URL = ""
    return live(bookings.confirmed(quarter_hour_after(dt.timedelta(days=3))))


def subjects_to(address: str) -> list[str]:
    return [message.subject for message in mail.outbox if message.to == [address]]


def of_kind(kind: str) -> dict[str, Notification]:
    return {n.user.email: n for n in Notification.objects.filter(kind=kind).select_related("user")}


def ended(booking, actor) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_end(call=booking.call, actor=actor)


def test_a_completed_call_tells_the_expert_his_earnings_and_asks_the_client_for_a_review(
    live_call, alice_client, bob_expert, carol_expert, dave_client
):
    mail.outbox.clear()
    ended(live_call, alice_client)

    sent = of_kind(NotificationKind.CALL_COMPLETED)
    assert set(sent) == {"alice@example.com", "bob@example.com"}
    expert, client = sent["bob@example.com"], sent["alice@example.com"]
    assert expert.title == "Call with Alice Client completed"
    assert "₦13,500, after the platform fee, is added to your balance." in expert.body
    assert expert.url == f"/bookings/{live_call.pk}/"
    assert client.title == "Your call with Bob Expert is complete"
    assert client.url == f"/reviews/bookings/{live_call.pk}/"
    assert not Notification.objects.filter(user__in=[carol_expert, dave_client]).exists()
    assert subjects_to("bob@example.com") == ["Call with Alice Client completed"]
    assert subjects_to("alice@example.com") == ["Your call with Bob Expert is complete"]


def test_call_notifications_exist_and_are_emailed_only_once_the_end_committed(live_call, bob_expert):
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=False) as after_commit:
        call_end(call=live_call.call, actor=bob_expert)

    assert not Notification.objects.filter(kind=NotificationKind.CALL_COMPLETED).exists()
    assert mail.outbox == []

    with TestCase.captureOnCommitCallbacks(execute=True):
        for callback in after_commit:
            callback()

    assert Notification.objects.filter(kind=NotificationKind.CALL_COMPLETED).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["alice@example.com", "bob@example.com"]


def test_a_muted_kind_is_notified_in_the_app_but_not_emailed(live_call, alice_client, bob_expert):
    email_preferences_update(user=alice_client, changes={NotificationKind.CALL_COMPLETED: False})
    mail.outbox.clear()

    ended(live_call, bob_expert)

    assert "alice@example.com" in of_kind(NotificationKind.CALL_COMPLETED)
    assert subjects_to("alice@example.com") == []
    assert subjects_to("bob@example.com") == ["Call with Alice Client completed"]  # his own preferences


def test_private_notes_never_reach_a_notification_or_an_email(live_call, alice_client, bob_expert):
    note_create(call=live_call.call, actor=bob_expert, body=PRIVATE)
    mail.outbox.clear()

    ended(live_call, alice_client)

    assert mail.outbox and Notification.objects.filter(kind=NotificationKind.CALL_COMPLETED).exists()
    for notification in Notification.objects.all():
        assert "pitch deck" not in f"{notification.title} {notification.body} {notification.data}"
    for message in mail.outbox:
        assert "pitch deck" not in message.body + "".join(content for content, _type in message.alternatives)


@pytest.mark.parametrize(
    ("came", "client_title", "expert_title"),
    [
        ("expert", "You missed your call with Bob Expert", "Alice Client did not join your call"),
        ("client", "Bob Expert did not join your call", "You missed your call with Alice Client"),
        (None, "Neither of you joined your call with Bob Expert", "Neither of you joined your call with Alice Client"),
    ],
)
def test_a_missed_call_tells_both_who_did_not_join_and_that_the_client_is_refunded(
    bookings, alice_client, bob_expert, dave_client, came, client_title, expert_title
):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    start = timezone.now() - dt.timedelta(hours=2)
    booking = call_at(booking, start)
    present = {"expert": bob_expert, "client": alice_client}.get(came)
    if present is not None:
        stay = {"participant_sid": "PA", "joined_at": start, "left_at": start + dt.timedelta(minutes=20)}
        CallAttendance.objects.create(call=booking.call, user=present, **stay)
    mail.outbox.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert calls_mark_no_show() == 1

    missed = of_kind(NotificationKind.CALL_NO_SHOW)
    assert set(missed) == {"alice@example.com", "bob@example.com"}
    assert (missed["alice@example.com"].title, missed["bob@example.com"].title) == (client_title, expert_title)
    assert missed["alice@example.com"].body.endswith("The booking is cancelled. You will get a full refund.")
    assert missed["bob@example.com"].body.endswith("The booking is cancelled. The client is refunded in full.")
    assert Notification.objects.filter(user=alice_client, kind=NotificationKind.PAYMENT_REFUNDED).exists()
    assert not Notification.objects.filter(user=dave_client).exists()
    assert client_title in subjects_to("alice@example.com") and expert_title in subjects_to("bob@example.com")
