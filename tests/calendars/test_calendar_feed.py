import datetime as dt

import icalendar
import pytest

from calendars.services import feed_token_regenerate
from tests.notifications.conftest import quarter_hour_after


def feed_path(feed) -> str:
    return f"/calendar/feed/{feed.token}.ics"


def events_in(response) -> dict[str, icalendar.Event]:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_lists_my_confirmed_and_paid_calls_but_not_cancelled_ones(client, bookings, alice_client, bob_expert):
    confirmed = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    waiting = bookings.paid(quarter_hour_after(dt.timedelta(days=4)))
    cancelled = bookings.cancel(bookings.confirmed(quarter_hour_after(dt.timedelta(days=5))), alice_client)

    events = events_in(client.get(feed_path(feed_token_regenerate(user=alice_client))))

    assert set(events) == {f"booking-{confirmed.pk}@127.0.0.1", f"booking-{waiting.pk}@127.0.0.1"}
    assert f"booking-{cancelled.pk}@127.0.0.1" not in events
    assert str(events[f"booking-{confirmed.pk}@127.0.0.1"]["STATUS"]) == "CONFIRMED"
    assert str(events[f"booking-{waiting.pk}@127.0.0.1"]["STATUS"]) == "TENTATIVE"
    assert events[f"booking-{confirmed.pk}@127.0.0.1"]["DTSTART"].dt == confirmed.call.scheduled_start
    # The expert's own feed holds the same calls; a third person's holds none.
    assert set(events_in(client.get(feed_path(feed_token_regenerate(user=bob_expert))))) == set(events)


@pytest.mark.django_db
def test_a_new_address_revokes_the_old_one(client, alice_client, dave_client):
    old = feed_token_regenerate(user=alice_client).token
    new = feed_token_regenerate(user=alice_client).token

    assert client.get(f"/calendar/feed/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{new}.ics").status_code == 200
    assert client.get("/calendar/feed/made-up-token.ics").status_code == 404
    assert events_in(client.get(f"/calendar/feed/{feed_token_regenerate(user=dave_client).token}.ics")) == {}


@pytest.mark.django_db
def test_a_deactivated_users_feed_stops(client, alice_client):
    token = feed_token_regenerate(user=alice_client).token
    alice_client.is_active = False
    alice_client.save(update_fields=["is_active"])

    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


@pytest.mark.django_db
def test_the_feed_address_in_the_api(api, api_as, alice_client):
    assert api.get("/api/v1/calendar/feed").status_code == 401
    client = api_as(alice_client)
    assert client.get("/api/v1/calendar/feed").json() == {"url": None}

    created = client.post("/api/v1/calendar/feed")
    assert created.status_code == 201 and created.json()["url"].startswith("http://testserver/calendar/feed/")
    assert client.get("/api/v1/calendar/feed").json() == created.json()
    replaced = client.post("/api/v1/calendar/feed").json()["url"]
    assert replaced != created.json()["url"]

    assert client.delete("/api/v1/calendar/feed").status_code == 204
    assert client.get("/api/v1/calendar/feed").json() == {"url": None}
    assert api.get(replaced.removeprefix("http://testserver")).status_code == 404


@pytest.mark.django_db
def test_the_account_page_offers_the_address_and_replaces_it(client, alice_client):
    client.force_login(alice_client)
    assert "Get my calendar address" in client.get("/account/").content.decode()

    swapped = client.post("/calendars/feed/regenerate/", HTTP_HX_REQUEST="true").content.decode()
    token = alice_client.calendar_feed.token
    assert f"/calendar/feed/{token}.ics" in swapped and "Make a new address" in swapped
    assert f"/calendar/feed/{token}.ics" in client.get("/account/").content.decode()

    client.post("/calendars/feed/revoke/")
    assert "Get my calendar address" in client.get("/account/").content.decode()
