"""The calendar files and the feed routes as an integrator and a calendar app meet them:
errors are JSON in the one error shape whatever the client accepts, methods a route does
not answer are 405s, and the .ics text is valid RFC 5545 (CRLF, folded at 75 octets,
TEXT escaped) with any title or name."""

import datetime as dt

import icalendar
import pytest

from calendars.services import feed_token_regenerate
from tests.contract.conftest import each, error_of
from tests.contract.test_schema_matches_answers import conforms, openapi  # noqa: F401 (fixture)
from tests.notifications.conftest import quarter_hour_after

pytestmark = pytest.mark.django_db

ICS_PATH = "/api/v1/bookings/{booking_id}/calendar.ics"
AWKWARD_TITLE = 'Tax, VAT; "and"\nmore \\ — Ünïcødé 日本語 مرحبا ' + "long " * 12
AWKWARD_NAME = "Ålice, Çlient; 👩‍💻 O'Brien"


def test_errors_of_the_booking_file_are_json_even_to_a_calendar_client(openapi, api, api_as, bookings, dave_client):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=2)))
    path = f"/api/v1/bookings/{booking.pk}/calendar.ics"
    stranger = api_as(dave_client)

    for client, status in ((stranger, 404), (api, 401)):
        response = client.get(path, HTTP_ACCEPT="text/calendar")
        error_of(response, status)  # also checks Content-Type: application/json
        conforms(openapi, response, "get", ICS_PATH)
    error_of(stranger.get("/api/v1/bookings/999999/calendar.ics", HTTP_ACCEPT="text/calendar"), 404, "not_found")
    error_of(stranger.get(path, HTTP_ACCEPT="application/xml"), 406, "not_acceptable")


def test_methods_the_calendar_routes_do_not_answer_are_405_in_the_error_shape(api_as, bob_expert):
    client = api_as(bob_expert)
    cases = [
        ("put", "/api/v1/calendar/feed"),
        ("patch", "/api/v1/calendar/feed"),
        ("put", "/api/v1/expert/calendars"),
        ("patch", "/api/v1/expert/calendars"),
        ("delete", "/api/v1/expert/calendars"),
        ("get", "/api/v1/expert/calendars/1"),
        ("put", "/api/v1/expert/calendars/1"),
        ("patch", "/api/v1/expert/calendars/1"),
        ("get", "/api/v1/expert/calendars/1/refresh"),
        ("put", "/api/v1/bookings/1/calendar.ics"),
        ("post", "/api/v1/bookings/1/calendar.ics"),
        ("delete", "/api/v1/bookings/1/calendar.ics"),
    ]

    def check(method, path):
        response = getattr(client, method)(path, {}, format="json")
        error_of(response, 405, "method_not_allowed")
        assert method.upper() not in {name.strip() for name in response["Allow"].split(",")}

    each(cases, check)


def _valid_ics(raw: bytes) -> icalendar.Calendar:
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "lines end in CRLF only"
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75, "folded at 75 octets"
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    return icalendar.Calendar.from_ical(raw)


def _awkward_booking(bookings, bob_hour, alice_client):
    bob_hour.title = AWKWARD_TITLE.strip()
    bob_hour.save(update_fields=["title"])
    alice_client.full_name = AWKWARD_NAME
    alice_client.save(update_fields=["full_name"])
    return bookings.confirmed(quarter_hour_after(dt.timedelta(days=4)))


def test_the_booking_file_is_valid_ics_with_any_title_and_name(api_as, bookings, bob_hour, alice_client, bob_expert):
    booking = _awkward_booking(bookings, bob_hour, alice_client)

    response = api_as(bob_expert).get(f"/api/v1/bookings/{booking.pk}/calendar.ics")

    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    [event] = _valid_ics(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{AWKWARD_TITLE.strip()} with {AWKWARD_NAME} (ProcusMeet)"
    unfolded = response.content.replace(b"\r\n ", b"").decode()
    assert "Tax\\, VAT\\; \"and\"\\nmore \\\\ —" in unfolded and "Ålice\\, Çlient\\; 👩‍💻" in unfolded


def test_the_feed_is_valid_ics_and_a_cancelled_booking_file_says_cancelled(
    client, api_as, bookings, bob_hour, alice_client
):
    booking = _awkward_booking(bookings, bob_hour, alice_client)
    feed = feed_token_regenerate(user=alice_client)

    answer = client.get(f"/calendar/feed/{feed.token}.ics")
    [event] = _valid_ics(answer.content).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Tax, VAT;") and str(event["STATUS"]) == "CONFIRMED"

    bookings.cancel(booking, alice_client)
    assert _valid_ics(client.get(f"/calendar/feed/{feed.token}.ics").content).walk("VEVENT") == []
    file = api_as(alice_client).get(f"/api/v1/bookings/{booking.pk}/calendar.ics")
    [cancelled] = _valid_ics(file.content).walk("VEVENT")
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_the_feed_address_answers_are_in_the_schema_and_revoking_ends_the_feed(openapi, client, api_as, alice_client):
    api = api_as(alice_client)
    conforms(openapi, api.get("/api/v1/calendar/feed"), "get", "/api/v1/calendar/feed")
    created = api.post("/api/v1/calendar/feed")
    conforms(openapi, created, "post", "/api/v1/calendar/feed")
    feed_path = created.json()["url"].removeprefix("http://testserver")
    assert client.get(feed_path).status_code == 200

    assert api.delete("/api/v1/calendar/feed").status_code == 204

    assert client.get(feed_path).status_code == 404 and client.head(feed_path).status_code == 404
    assert api.get("/api/v1/calendar/feed").json() == {"url": None}
