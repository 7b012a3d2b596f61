"""Audit of what the booking emails say: each recipient's own zone (named), absolute
links, both parts, escaped names, and the invite attached to each calendar change."""

import datetime as dt
import re

import pytest
from django.core import mail

from accounts.services import user_profile_update

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# Lagos 10:00 WAT, Kathmandu 14:45: the same call at different local times.
START = (dt.datetime.now(UTC) + dt.timedelta(days=3)).replace(
    hour=9, minute=0, second=0, microsecond=0
)


def _to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def _invite(message):
    parts = [
        a
        for a in message.attachments
        if getattr(a, "get_content_type", lambda: "")() == "text/calendar"
    ]
    assert len(parts) == 1, message.subject
    return parts[0].get_payload(decode=True).decode()


@pytest.fixture
def zoned(alice_client, bob_expert, bob_hour):
    user_profile_update(user=bob_expert, changes={"timezone": "Africa/Lagos"})
    user_profile_update(user=alice_client, changes={"timezone": "Asia/Kathmandu"})
    alice_client.refresh_from_db()
    bob_expert.refresh_from_db()
    return alice_client, bob_expert


def test_confirmation_shows_each_recipients_own_named_zone(
    zoned, bookings, settings, client
):
    settings.SITE_URL = "https://procusmeet.example"
    customer, expert = zoned
    bookings.confirmed(START)

    (to_customer,) = [m for m in _to(customer) if "accepted" in m.subject]
    (to_expert,) = [m for m in _to(expert) if "Confirmed" in m.subject]
    assert "14:45 Asia/Kathmandu" in to_customer.body
    assert "10:00 WAT" in to_expert.body and "14:45" not in to_expert.body
    for user, message in ((customer, to_customer), (expert, to_expert)):
        assert message.body and "None" not in message.body + message.subject
        assert "METHOD:REQUEST" in _invite(message)
        path = re.search(
            r"https://procusmeet\.example(/bookings/\d+/)", message.body
        ).group(1)
        client.force_login(user)
        assert client.get(path).status_code == 200


def test_invite_names_the_other_side_even_without_a_full_name(
    zoned, bookings, settings
):
    client, expert = zoned
    type(client).objects.filter(pk=client.pk).update(full_name="")
    bookings.confirmed(START)

    (to_expert,) = [m for m in _to(expert) if "Confirmed" in m.subject]
    summary = re.search(r"SUMMARY:(.*)", _invite(to_expert)).group(1)
    assert "with  (" not in summary and client.email in summary


def test_cancellation_and_reschedule_carry_their_invites(zoned, bookings):
    client, expert = zoned
    booking = bookings.confirmed(START)
    mail.outbox.clear()
    bookings.move(booking, START + dt.timedelta(days=1))
    moved = [m for m in _to(client) if "moved" in m.subject.lower()]
    assert (
        moved
        and "SEQUENCE:1" in _invite(moved[0])
        and "METHOD:REQUEST" in _invite(moved[0])
    )
    mail.outbox.clear()
    bookings.cancel(booking, client)
    for user in (client, expert):
        (message,) = [m for m in _to(user) if "cancelled" in m.subject]
        body = _invite(message)
        assert "METHOD:CANCEL" in body and "SEQUENCE:2" in body


def test_names_with_html_characters_are_escaped_once(zoned, bookings):
    client, expert = zoned
    type(client).objects.filter(pk=client.pk).update(full_name="Tom & <Jerry>")
    bookings.paid(START)

    (request,) = _to(expert)
    ((html, _mimetype),) = request.alternatives
    assert "Tom & <Jerry>" in request.body and "&amp;" not in request.body
    assert "Tom &amp; &lt;Jerry&gt;" in html and "&amp;amp;" not in html


def test_account_emails_link_to_the_site_address_not_the_request_host(
    client, alice_client, settings
):
    settings.SITE_URL = "https://procusmeet.example"
    client.post("/accounts/password/reset/", {"email": alice_client.email})
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "Xx-long-pass-123!",
            "password2": "Xx-long-pass-123!",
            "full_name": "New Person",
            "role": "client",
            "timezone": "Asia/Kathmandu",
        },
    )

    reset, confirm = mail.outbox
    assert re.search(
        r"https://procusmeet\.example/accounts/password/reset/key/\S+/", reset.body
    )
    link = re.search(
        r"https://procusmeet\.example(/accounts/confirm-email/\S+/)", confirm.body
    )
    assert link and "testserver" not in reset.body + confirm.body
    assert client.get(link.group(1)).status_code == 200


def test_refund_subject_names_the_call(zoned, bookings):
    client, _expert = zoned
    bookings.cancel(bookings.paid(START), client)

    (refund,) = [m for m in _to(client) if "refunded" in m.subject]
    assert refund.subject == "₦15,000 refunded for your call with Bob Expert"


def test_reminders_show_the_recipients_zone_and_an_absolute_link(
    zoned, bookings, settings, django_capture_on_commit_callbacks
):
    from notifications.reminders import reminders_send_due

    settings.SITE_URL = "https://procusmeet.example"
    client, expert = zoned
    bookings.confirmed(START)
    mail.outbox.clear()
    for before in (dt.timedelta(hours=23), dt.timedelta(minutes=9)):
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send_due(now=START - before)

    (day_client, soon_client), (day_expert, soon_expert) = _to(client), _to(expert)
    assert "tomorrow" in day_client.subject and "10 minutes" in soon_client.subject
    assert (
        "14:45 Asia/Kathmandu" in soon_client.body and "10:00 WAT" in soon_expert.body
    )
    for message in (day_client, day_expert):
        assert "https://procusmeet.example/bookings/" in message.body and "None" not in message.body
    for message in (soon_client, soon_expert):  # ten minutes before: straight to the lobby
        assert "https://procusmeet.example/calls/" in message.body and "/lobby/" in message.body
        assert "None" not in message.body
