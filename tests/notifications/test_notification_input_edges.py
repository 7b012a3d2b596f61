"""Odd input at the edges of notifications: resume positions nobody should send, and
titles built from names typed with line breaks."""

import pytest

from notifications.emails import notification_email_send
from notifications.models import NotificationKind
from notifications.services import notification_create

pytestmark = pytest.mark.django_db


def notify(user, title: str):
    return notification_create(user=user, kind=NotificationKind.BOOKING_REQUESTED, title=title, email=False)


@pytest.mark.django_db(transaction=True)  # the stream reads on its own connection
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume asynchronous iterators")
@pytest.mark.parametrize("position", ["²", "١", "9" * 5000, "-3", "abc", "1e3"])
def test_a_resume_position_that_is_not_an_id_is_ignored(api_as, alice_client, position):
    notify(alice_client, "already shown")
    client = api_as(alice_client)

    for response in (
        client.get("/api/v1/notifications/stream", HTTP_LAST_EVENT_ID=position),
        client.get("/api/v1/notifications/stream", {"after": position}),
    ):
        body = b"".join(response).decode()
        assert response.status_code == 200
        # Like a first connection: the count, and nothing replayed.
        assert 'event: unread\ndata: {"unread_count": 1}' in body and "already shown" not in body


def test_a_title_with_a_line_break_is_emailed_with_a_one_line_subject(alice_client, mailoutbox):
    notification = notify(alice_client, "New booking request from Eve\nBcc: someone@example.com")

    assert notification_email_send(notification_id=notification.pk) is True

    (message,) = mailoutbox
    assert message.subject == "New booking request from Eve Bcc: someone@example.com"
    assert message.to == [alice_client.email] and message.bcc == []
    assert "Bcc" not in {name for name, _value in message.message().items()}
