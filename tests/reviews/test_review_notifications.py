"""A new review reaches its expert, and the expert's reply its client: in the app for
that one person only, and by email once the change committed (unless they muted it)."""

import pytest
from django.core import mail
from django.test import TestCase

from notifications.models import Notification, NotificationKind
from notifications.services import email_preferences_update
from reviews.errors import ReviewReplyExists
from reviews.services import review_create, review_reply

pytestmark = pytest.mark.django_db


def emails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_a_new_review_notifies_its_expert_only_and_is_emailed_after_commit(
    completed, alice_client, bob_expert, carol_expert, dave_client
):
    with TestCase.captureOnCommitCallbacks(execute=False) as after_commit:
        review_create(booking_id=completed.pk, client=alice_client, rating=4, text="Clear and practical.")
    assert mail.outbox == []  # nothing leaves before the review is committed

    with TestCase.captureOnCommitCallbacks(execute=True):
        for callback in after_commit:
            callback()

    [received] = Notification.objects.all()
    assert (received.user, received.kind) == (bob_expert, NotificationKind.REVIEW_RECEIVED)
    assert received.title == "New review: 4★"
    assert "Clear and practical." in received.body
    [message] = mail.outbox
    assert (message.to, message.subject) == (["bob@example.com"], "New review: 4★")
    assert "Read the review" in message.body


def test_the_experts_reply_notifies_the_client_only(reviewed, alice_client, bob_expert, carol_expert, dave_client):
    Notification.objects.all().delete()
    mail.outbox.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        review_reply(booking_id=reviewed.booking_id, expert=bob_expert, text="Glad it helped, good luck!")

    [replied] = Notification.objects.all()
    assert (replied.user, replied.kind) == (alice_client, NotificationKind.REVIEW_REPLIED)
    assert replied.title == "Bob Expert replied to your review"
    assert replied.body == "“Glad it helped, good luck!”"
    assert replied.url == f"/bookings/{reviewed.booking_id}/"
    [message] = mail.outbox
    assert (message.to, message.subject) == (["alice@example.com"], "Bob Expert replied to your review")
    assert "Read the reply" in message.body


def test_a_refused_reply_notifies_nobody(reviewed, bob_expert):
    review_reply(booking_id=reviewed.booking_id, expert=bob_expert, text="Thanks!")
    Notification.objects.all().delete()

    with pytest.raises(ReviewReplyExists):
        review_reply(booking_id=reviewed.booking_id, expert=bob_expert, text="Thanks again!")

    assert not Notification.objects.exists()


def test_muted_review_emails_still_notify_in_the_app(reviewed, alice_client, bob_expert):
    email_preferences_update(user=alice_client, changes={NotificationKind.REVIEW_REPLIED: False})
    mail.outbox.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        review_reply(booking_id=reviewed.booking_id, expert=bob_expert, text="Thank you!")

    assert Notification.objects.filter(user=alice_client, kind=NotificationKind.REVIEW_REPLIED).exists()
    assert emails_to("alice@example.com") == []
