"""POST /api/v1/bookings: reserve a slot and open the payment, or say precisely why not."""

import datetime as dt

import pytest

from accounts.storefront.services_areas import area_update
from calls.models import Call
from payments.models import Payment, TestTransaction
from scheduling.models_booking import Booking, BookingEvent
from tests.bookings.helpers import book, lagos_at, slots_url

pytestmark = pytest.mark.django_db(transaction=True)


def create(client, area, start):
    return client.post("/api/v1/bookings", {"area": area.pk, "start": start.isoformat()}, format="json")


def test_a_client_books_a_free_slot_and_gets_the_checkout(api_as, alice_client, bob_hour, slot):
    answer = create(api_as(alice_client), bob_hour, slot)

    assert answer.status_code == 201, answer.json()
    body = answer.json()
    booking = Booking.objects.get(pk=body["id"])
    assert body["status"] == "pending"
    assert body["call"] == {
        "id": booking.call_id,
        "status": "scheduled",
        "scheduled_start": slot.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "duration_minutes": 60,
    }
    assert body["start"] == body["call"]["scheduled_start"]
    assert body["end"] == (slot + dt.timedelta(minutes=60)).astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    assert (body["price"], body["currency"]) == (1_500_000, "NGN")
    assert body["area"] == {"id": bob_hour.pk, "title": "Career advice"}
    assert body["expert"]["id"] == bob_hour.expert_id
    assert body["client"] == {"id": alice_client.pk, "full_name": "Alice Client"}
    payment = Payment.objects.get(call_id=booking.call_id)
    assert body["payment"]["status"] == "pending"
    assert body["payment"]["reference"] == payment.reference
    assert body["payment"]["authorization_url"] == f"http://testserver/payments/test-checkout/{payment.reference}/"
    assert body["reschedule"] is None


def test_booking_creates_call_booking_payment_and_a_charge_together(alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)

    call = booking.call
    assert (call.status, call.active, call.expert_id, call.client_id) == (
        "scheduled",
        True,
        bob_hour.expert.user_id,
        alice_client.pk,
    )
    assert call.scheduled_end - call.scheduled_start == dt.timedelta(minutes=60)
    payment = call.payment
    assert (payment.status, payment.amount, payment.currency, payment.provider) == ("pending", 1_500_000, "NGN", "test")
    assert payment.reference.startswith(f"pm-{call.pk}-")
    charge = TestTransaction.objects.get(reference=payment.reference)
    assert (charge.amount, charge.currency, charge.email) == (1_500_000, "NGN", "alice@example.com")
    assert charge.callback_url == "http://127.0.0.1:8000/payments/callback/"
    assert list(
        BookingEvent.objects.filter(booking=booking).values_list("action", "from_status", "to_status", "actor")
    ) == [("created", "", "pending", alice_client.pk)]


def test_any_offset_names_the_same_instant(api_as, alice_client, bob_hour, slot):
    in_tokyo = slot.astimezone(dt.timezone(dt.timedelta(hours=9)))
    answer = create(api_as(alice_client), bob_hour, in_tokyo)
    assert answer.status_code == 201
    assert Call.objects.get().scheduled_start == slot


def test_the_booked_slot_is_no_longer_offered(api, api_as, alice_client, bob_hour, slot):
    url = slots_url(bob_hour, slot.date())
    assert slot.isoformat() in api.get(url).json()["slots"]  # cached now

    assert create(api_as(alice_client), bob_hour, slot).status_code == 201

    slots = api.get(url).json()["slots"]
    assert slot.isoformat() not in slots
    assert (slot + dt.timedelta(minutes=45)).isoformat() not in slots  # would overlap the call
    assert (slot + dt.timedelta(minutes=60)).isoformat() in slots  # back to back is fine


def test_experts_cannot_book(api_as, carol_expert, bob_hour, slot):
    answer = create(api_as(carol_expert), bob_hour, slot)
    assert answer.status_code == 403
    assert not Booking.objects.exists()


def test_anonymous_people_cannot_book(api, bob_hour, slot):
    assert create(api, bob_hour, slot).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "area"),
        ({"area": "x", "start": "2030-01-01T09:00:00Z"}, "area"),
        ({"area": 1}, "start"),
        ({"area": 1, "start": "tomorrow morning"}, "start"),
        ({"area": 1, "start": "2030-01-01T09:00:00"}, "start"),  # no offset: ambiguous
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_as, alice_client, bob_hour, body, field):
    answer = api_as(alice_client).post("/api/v1/bookings", body, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"
    assert field in answer.json()["error"]["fields"]


def test_an_unknown_area_is_a_400(api_as, alice_client, bob_hour, slot):
    answer = api_as(alice_client).post("/api/v1/bookings", {"area": 999999, "start": slot.isoformat()}, format="json")
    assert answer.status_code == 400
    assert "area" in answer.json()["error"]["fields"]


def test_an_inactive_area_cannot_be_booked(api_as, alice_client, bob_hour, slot):
    area_update(area=bob_hour, active=False)
    answer = create(api_as(alice_client), bob_hour, slot)
    assert answer.status_code == 400
    assert "area" in answer.json()["error"]["fields"]


def test_a_past_start_is_a_400(api_as, alice_client, bob_hour):
    answer = create(api_as(alice_client), bob_hour, lagos_at(days=-1, time="09:00"))
    assert answer.status_code == 400
    assert "start" in answer.json()["error"]["fields"]


def test_a_start_off_the_quarter_hour_grid_is_a_400(api_as, alice_client, bob_hour, slot):
    answer = create(api_as(alice_client), bob_hour, slot + dt.timedelta(minutes=5))
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["start"] == ["Calls start on the quarter hour of the expert's time zone."]


def test_a_start_outside_the_experts_hours_is_unavailable(api_as, alice_client, bob_hour):
    answer = create(api_as(alice_client), bob_hour, lagos_at(days=2, time="16:30"))  # would end at 17:30
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "slot_unavailable"
    assert not Call.objects.exists()


def test_a_taken_slot_is_a_409_with_a_clear_message(api_as, alice_client, dave_client, bob_hour, slot):
    book(alice_client, bob_hour, slot)
    answer = create(api_as(dave_client), bob_hour, slot + dt.timedelta(minutes=30))
    assert answer.status_code == 409
    assert answer.json()["error"] == {
        "code": "slot_taken",
        "message": "Someone has just booked that time. Please choose another.",
        "fields": {},
    }
    assert Call.objects.count() == Booking.objects.count() == Payment.objects.count() == 1


def test_a_client_cannot_hold_two_overlapping_calls(api_as, alice_client, bob_hour, carol_hour, slot):
    book(alice_client, bob_hour, slot)
    answer = create(api_as(alice_client), carol_hour, slot + dt.timedelta(minutes=15))
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "client_busy"


def test_paystack_down_leaves_nothing_behind(api_as, alice_client, bob_hour, slot, fake_paystack):
    fake_paystack.failure_status = 503
    answer = create(api_as(alice_client), bob_hour, slot)
    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "payment_provider_unavailable"
    assert not Call.objects.exists() and not Booking.objects.exists() and not Payment.objects.exists()


def test_after_a_provider_outage_the_slot_can_be_booked(api_as, alice_client, bob_hour, slot, fake_paystack):
    fake_paystack.failure_status = 503
    assert create(api_as(alice_client), bob_hour, slot).status_code == 503
    fake_paystack.failure_status = None
    assert create(api_as(alice_client), bob_hour, slot).status_code == 201
