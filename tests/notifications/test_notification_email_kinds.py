"""Every kind of notification makes a complete email: both parts, absolute links, the
way to change preferences, and nothing but what the notification says."""

import pytest

from notifications.emails import email_build
from notifications.models import NotificationKind
from notifications.services import notification_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", NotificationKind.values)
def test_each_kind_has_a_text_and_an_html_part_with_absolute_links(kind, alice_client, settings):
    settings.SITE_URL = "https://procusmeet.example"
    notification = notification_create(
        user=alice_client, kind=kind, title="Title <b>&</b>", body="Body line one\nline two", url="/bookings/5/", email=False
    )

    message = email_build(notification)

    (html, mimetype), = message.alternatives
    assert mimetype == "text/html" and message.to == [alice_client.email]
    for part in (message.body, html):
        assert "https://procusmeet.example/bookings/5/" in part
        assert "https://procusmeet.example/notifications/preferences/" in part
    assert "Title <b>&</b>" in message.body and "Title &lt;b&gt;&amp;&lt;/b&gt;" in html
    assert "Body line one<br>line two" in html and "<b>" not in html.replace("&lt;b&gt;", "")
