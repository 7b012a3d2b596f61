import datetime as dt
from urllib.parse import parse_qs, urlsplit

import icalendar

from calendars.invites import booking_google_link
from tests.notifications.conftest import quarter_hour_after


def test_a_participant_downloads_the_booking_as_one_event(client, bookings, alice_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    client.force_login(alice_client)

    response = client.get(f"/bookings/{booking.pk}/calendar.ics")

    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="procusmeet-booking-{booking.pk}.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "PUBLISH" and str(event["UID"]) == f"booking-{booking.pk}@127.0.0.1"
    assert event["DTSTART"].dt == booking.call.scheduled_start and "Bob Expert" in str(event["SUMMARY"])


def test_nobody_else_can_download_it(client, bookings, dave_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))

    assert client.get(f"/bookings/{booking.pk}/calendar.ics").status_code == 302  # to the login page
    client.force_login(dave_client)
    assert client.get(f"/bookings/{booking.pk}/calendar.ics").status_code == 404


def test_the_api_gives_the_file_and_the_google_link(api_as, bookings, bob_expert, dave_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    url = f"/api/v1/bookings/{booking.pk}/calendar.ics"

    response = api_as(bob_expert).get(url, HTTP_ACCEPT="text/calendar")

    assert response.status_code == 200
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert "Alice Client" in str(event["SUMMARY"])
    assert response["Link"].startswith("<https://calendar.google.com/calendar/render?")
    stranger = api_as(dave_client).get(url)
    assert stranger.status_code == 404 and stranger.json()["error"]["code"]


def test_the_google_link_is_prefilled_with_the_call(bookings, alice_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    start, end = booking.call.scheduled_start, booking.call.scheduled_end

    query = parse_qs(urlsplit(booking_google_link(booking, viewer=alice_client)).query)

    assert query["action"] == ["TEMPLATE"]
    assert query["dates"] == [f"{start:%Y%m%dT%H%M%S}Z/{end:%Y%m%dT%H%M%S}Z"]
    assert query["text"] == ["Career advice with Bob Expert (ProcusMeet)"]


def test_the_booking_page_offers_both_while_the_call_is_on(client, bookings, alice_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    client.force_login(alice_client)

    page = client.get(f"/bookings/{booking.pk}/").content.decode()
    assert f'href="/bookings/{booking.pk}/calendar.ics"' in page
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in page

    bookings.cancel(booking, alice_client)
    assert "calendar.ics" not in client.get(f"/bookings/{booking.pk}/").content.decode()


def test_a_cancelled_booking_downloads_as_a_cancelled_event_that_overrides_the_old_copy(client, bookings, alice_client):
    """An old link (or the API) still answers once the call is off: the file must take the
    call out of a calendar that imported it, not add it back as tentative."""
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    client.force_login(alice_client)
    [before] = icalendar.Calendar.from_ical(client.get(f"/bookings/{booking.pk}/calendar.ics").content).walk("VEVENT")

    bookings.cancel(booking, alice_client)
    [after] = icalendar.Calendar.from_ical(client.get(f"/bookings/{booking.pk}/calendar.ics").content).walk("VEVENT")

    assert str(before["STATUS"]) == "CONFIRMED" and str(after["STATUS"]) == "CANCELLED"
    assert str(after["UID"]) == str(before["UID"]) and after["SEQUENCE"] == before["SEQUENCE"] + 1
