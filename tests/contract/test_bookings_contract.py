"""The bookings rows of SPEC §8: ``POST /bookings {area, start}`` with any RFC 3339
offset, 409 for a taken slot, paying by following ``payment.authorization_url``, lists,
details, and every transition and reschedule step with who may take it."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.test import Client, TestCase

from payments.models import Payment
from payments.providers.test import checkout_pay
from tests.contract.conftest import each, error_of, field_errors, utc_at

pytestmark = pytest.mark.django_db

BOOKING_FIELDS = {"id", "status", "call", "payment", "area", "expert", "client", "start", "end", "reschedule"}


def offset(moment: dt.datetime, hours: int, minutes: int = 0) -> str:
    sign = 1 if hours >= 0 else -1
    return moment.astimezone(dt.timezone(dt.timedelta(hours=hours, minutes=sign * minutes))).isoformat()


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)  # Python 3.11 reads a trailing "Z"


def book(client, area, start: dt.datetime | str):
    text = start if isinstance(start, str) else start.isoformat()
    return client.post("/api/v1/bookings", {"area": area.pk, "start": text}, format="json")


def paid(client, area, start: dt.datetime) -> dict:
    """Booked through the API and paid on the test checkout (its webhook holds the payment)."""
    booking = book(client, area, start).json()
    with TestCase.captureOnCommitCallbacks(execute=True):
        checkout_pay(reference=booking["payment"]["reference"])
    return booking


def act(client, booking: dict, action: str, body: dict | None = None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/api/v1/bookings/{booking['id']}/{action}", body or {}, format="json")


def after(client, booking: dict, action: str, body: dict | None = None) -> dict:
    """The booking once ``action`` succeeded and its on-commit steps (refunds) ran."""
    assert act(client, booking, action, body).status_code == 200
    return client.get(f"/api/v1/bookings/{booking['id']}").json()


def test_a_booking_takes_any_rfc_3339_offset_and_answers_201(api_as, alice_client, bob_talk):
    client, moment = api_as(alice_client), utc_at(days=2, time="10:00")
    spellings = [
        lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ"),
        lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        lambda t: t.strftime("%Y-%m-%dt%H:%M:%Sz"),
        lambda t: offset(t, 1),
        lambda t: offset(t, 5, 45),
        lambda t: offset(t, -3, 30),
        lambda t: offset(t, 12, 45),
        lambda t: offset(t, -9, 30),
        lambda t: t.strftime("%Y-%m-%dT%H:%M:%S-00:00"),
    ]
    cases = [
        (spell(moment + dt.timedelta(hours=n)), moment + dt.timedelta(hours=n)) for n, spell in enumerate(spellings)
    ]

    def check(text, start):
        response = book(client, bob_talk, text)
        assert response.status_code == 201, response.content
        booking = response.json()
        assert BOOKING_FIELDS <= set(booking) and booking["status"] == "pending"
        assert set(booking["call"]) >= {"id", "status", "scheduled_start", "duration_minutes"}
        assert instant(booking["start"]) == instant(booking["call"]["scheduled_start"]) == start
        assert booking["payment"]["status"] == "pending"
        assert booking["payment"]["authorization_url"].startswith("http://testserver/payments/test-checkout/")

    each(cases, check)


def test_bad_starts_are_field_errors(api_as, alice_client, bob_talk):
    client, moment = api_as(alice_client), utc_at(days=2, time="10:00")
    cases = [
        (moment.replace(tzinfo=None).isoformat(), "start"),
        ("2026-11-30T10:00:00+25:00", "start"),
        ("2026-11-30T10:00:00+24:00", "start"),
        ("tomorrow at ten", "start"),
        (1_800_000_000, "start"),
        (None, "start"),
        ("2020-01-01T10:00:00Z", "start"),
        ((moment + dt.timedelta(minutes=7)).isoformat(), "start"),
    ]

    each(
        cases,
        lambda start, field: field_errors(
            client.post("/api/v1/bookings", {"area": bob_talk.pk, "start": start}, format="json")
        )[field],
    )
    assert "area" in field_errors(
        client.post("/api/v1/bookings", {"area": 10**30, "start": moment.isoformat()}, format="json")
    )
    assert "area" in field_errors(
        client.post("/api/v1/bookings", {"area": "x", "start": moment.isoformat()}, format="json")
    )
    assert set(field_errors(client.post("/api/v1/bookings", {}, format="json"))) == {"area", "start"}


def test_a_taken_or_overlapping_slot_is_409(api_as, alice_client, dave_client, bob_talk):
    start = utc_at(days=2, time="10:00")
    assert book(api_as(alice_client), bob_talk, offset(start, 5, 45)).status_code == 201

    error_of(book(api_as(dave_client), bob_talk, start), 409, "slot_taken")
    error_of(book(api_as(dave_client), bob_talk, start + dt.timedelta(minutes=15)), 409, "slot_taken")
    error_of(book(api_as(alice_client), bob_talk, start), 409)


def test_following_the_authorization_url_pays_and_lands_back_on_this_site(api_as, alice_client, bob_talk):
    booking = book(api_as(alice_client), bob_talk, utc_at(days=2, time="10:00")).json()
    browser = Client()
    checkout = urlsplit(booking["payment"]["authorization_url"]).path

    assert browser.get(checkout).status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        paid_answer = browser.post(f"{checkout}pay/")
    back = urlsplit(paid_answer["Location"])
    assert paid_answer.status_code == 302 and back.netloc == "" and back.path == "/payments/callback/"
    assert browser.get(paid_answer["Location"]).status_code == 302

    after = api_as(alice_client).get(f"/api/v1/bookings/{booking['id']}").json()
    assert after["payment"]["status"] == "held" and after["payment"]["authorization_url"] is None
    assert Payment.objects.get(reference=booking["payment"]["reference"]).status == "held"


def test_lists_and_details_show_only_ones_own_bookings(
    api_as, alice_client, dave_client, bob_expert, carol_expert, bob_talk
):
    pending = book(api_as(alice_client), bob_talk, utc_at(days=2, time="10:00")).json()
    held = paid(api_as(alice_client), bob_talk, utc_at(days=2, time="12:00"))

    assert {b["id"] for b in api_as(alice_client).get("/api/v1/bookings").json()["results"]} == {
        pending["id"],
        held["id"],
    }
    assert {b["id"] for b in api_as(bob_expert).get("/api/v1/bookings").json()["results"]} == {held["id"]}
    assert api_as(dave_client).get("/api/v1/bookings").json()["count"] == 0
    expert_view = api_as(bob_expert).get(f"/api/v1/bookings/{held['id']}").json()
    assert expert_view["payment"]["status"] == "held" and expert_view["payment"]["authorization_url"] is None
    for stranger in (dave_client, carol_expert):
        error_of(api_as(stranger).get(f"/api/v1/bookings/{held['id']}"), 404)
    assert "status" in field_errors(api_as(alice_client).get("/api/v1/bookings", {"status": "bogus"}))


def test_accept_decline_and_cancel_with_who_may_take_them(api_as, alice_client, dave_client, bob_expert, bob_talk):
    alice, bob = api_as(alice_client), api_as(bob_expert)
    first, second, third = (paid(alice, bob_talk, utc_at(days=2, time=t)) for t in ("10:00", "12:00", "14:00"))

    error_of(act(alice, first, "accept"), 403)
    accepted = act(bob, first, "accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "confirmed"
    error_of(act(bob, first, "accept"), 409, "illegal_transition")

    assert "reason" in field_errors(act(bob, second, "decline", {"reason": "x" * 10_000}))
    error_of(act(alice, second, "decline"), 403)
    declined = after(bob, second, "decline", {"reason": "Away that day"})
    assert (declined["status"], declined["call"]["status"], declined["payment"]["status"]) == (
        "declined",
        "cancelled",
        "refunded",
    )

    error_of(act(api_as(dave_client), third, "cancel"), 404)
    cancelled = after(alice, third, "cancel")
    assert (cancelled["status"], cancelled["payment"]["status"]) == ("cancelled", "refunded")
    error_of(act(alice, third, "cancel"), 409)


def test_reschedule_propose_accept_and_decline(api_as, alice_client, bob_expert, bob_talk):
    alice, bob = api_as(alice_client), api_as(bob_expert)
    booking = paid(alice, bob_talk, utc_at(days=2, time="10:00"))
    act(bob, booking, "accept")
    new_start = utc_at(days=3, time="08:15")

    error_of(act(alice, booking, "reschedule", {"start": new_start.isoformat()}), 403)
    assert "start" in field_errors(act(bob, booking, "reschedule", {}))
    assert "start" in field_errors(act(bob, booking, "reschedule", {"start": "2026-12-01T10:00:00"}))
    proposed = act(bob, booking, "reschedule", {"start": offset(new_start, 5, 45)})
    assert proposed.status_code == 200 and instant(proposed.json()["reschedule"]["proposed_start"]) == new_start
    error_of(act(bob, booking, "reschedule", {"start": utc_at(days=4, time="08:00").isoformat()}), 409)
    error_of(act(bob, booking, "reschedule/accept"), 403)

    moved = act(alice, booking, "reschedule/accept").json()
    assert moved["status"] == "confirmed" and instant(moved["start"]) == new_start and moved["reschedule"] is None
    error_of(act(alice, booking, "reschedule/accept"), 409)

    act(bob, booking, "reschedule", {"start": utc_at(days=4, time="08:00").isoformat()})
    declined = after(alice, booking, "reschedule/decline")
    assert (declined["status"], declined["payment"]["status"]) == ("cancelled", "refunded")
