"""Every calendar copy of a call (the emailed invite, the download, the subscription
feed, the Google link) points at the call's lobby, the participants' way into the call,
as an absolute address on SITE_URL: its LOCATION and URL, not the booking page."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.core import mail

from calendars.invites import booking_google_link
from calendars.services import feed_token_regenerate
from tests.notifications.conftest import quarter_hour_after

SITE = "https://meet.procus.example"


@pytest.fixture
def booking(settings, bookings):
    settings.SITE_URL = SITE
    return bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))


def lobby_of(booking) -> str:
    return f"{SITE}/calls/{booking.call_id}/lobby/"


def event_in(document: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(document).walk("VEVENT")
    return event


def assert_points_at_the_lobby(event: icalendar.Event, booking) -> None:
    assert str(event["LOCATION"]) == str(event["URL"]) == lobby_of(booking)
    assert f"Join here: {lobby_of(booking)}" in str(event["DESCRIPTION"])
    assert f"Booking: {SITE}/bookings/{booking.pk}/" in str(event["DESCRIPTION"])


def test_the_emailed_invite_locates_the_call_at_its_lobby(booking):
    [message] = [m for m in mail.outbox if m.to == ["alice@example.com"] and "accepted" in m.subject]
    [part] = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]

    assert_points_at_the_lobby(event_in(part.get_payload(decode=True)), booking)


def test_the_download_and_the_feed_locate_the_call_at_its_lobby(client, booking, alice_client):
    client.force_login(alice_client)
    assert_points_at_the_lobby(event_in(client.get(f"/bookings/{booking.pk}/calendar.ics").content), booking)

    feed = client.get(f"/calendar/feed/{feed_token_regenerate(user=alice_client).token}.ics")
    assert_points_at_the_lobby(event_in(feed.content), booking)


def test_the_google_link_locates_the_call_at_its_lobby(booking, bob_expert):
    query = parse_qs(urlsplit(booking_google_link(booking, viewer=bob_expert)).query)

    assert query["location"] == [lobby_of(booking)]


def test_the_location_is_the_page_participants_join_from(client, booking, bob_expert):
    client.force_login(bob_expert)

    page = client.get(urlsplit(lobby_of(booking)).path)

    assert page.status_code == 200
    assert f'data-call-url="/calls/{booking.call_id}/"' in page.content.decode()  # "Join" goes on to the call
