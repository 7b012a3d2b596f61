"""Accept, decline and cancel through the API: the right person, the right state, and
everyone else refused (strangers cannot even tell the booking exists)."""

import datetime as dt

import pytest

from payments.models import TestTransaction
from scheduling.bookings.errors import TooLate
from scheduling.bookings.transitions import booking_cancel
from scheduling.models_booking import BookingEvent
from tests.bookings.helpers import book, fresh, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid(alice_client, bob_hour, slot):
    return paid_booking(alice_client, bob_hour, slot)


@pytest.fixture
def people(alice_client, bob_expert, dave_client, carol_expert):
    return {"client": alice_client, "expert": bob_expert, "other client": dave_client, "other expert": carol_expert}


def post(api_as, user, booking, action, body=None):
    return api_as(user).post(f"/api/v1/bookings/{booking.pk}/{action}", body or {}, format="json")


# --- Happy paths -----------------------------------------------------------------------------


def test_the_expert_accepts_a_paid_request(api_as, bob_expert, paid):
    answer = post(api_as, bob_expert, paid, "accept")
    assert answer.status_code == 200
    assert answer.json()["status"] == "confirmed"
    event = BookingEvent.objects.get(booking=paid, action="accepted")
    assert (event.actor_id, event.from_status, event.to_status) == (bob_expert.pk, "pending", "confirmed")


def test_the_expert_declines_with_a_reason_and_the_client_is_refunded(api_as, bob_expert, paid):
    answer = post(api_as, bob_expert, paid, "decline", {"reason": "  I am travelling that week.  "})

    assert answer.status_code == 200
    body = answer.json()
    assert (body["status"], body["decline_reason"], body["call"]["status"]) == (
        "declined",
        "I am travelling that week.",
        "cancelled",
    )
    assert body["payment"]["status"] == "refunded"
    booking = fresh(paid)
    assert booking.call.active is False
    assert TestTransaction.objects.get(reference=booking.call.payment.reference).status == "reversed"
    assert list(booking.events.values_list("action", flat=True)) == ["created", "payment_held", "declined", "refunded"]


def test_declining_without_a_reason_is_fine(api_as, bob_expert, paid):
    assert post(api_as, bob_expert, paid, "decline").json()["decline_reason"] == ""


@pytest.mark.parametrize("who", ["client", "expert"])
def test_either_side_cancels_before_the_call_with_a_full_refund(api_as, people, paid, who):
    answer = post(api_as, people[who], paid, "cancel", {"reason": "Something came up"})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["status"], body["cancel_reason"], body["payment"]["status"]) == (
        "cancelled",
        "Something came up",
        "refunded",
    )
    event = BookingEvent.objects.get(booking=paid, action="cancelled")
    assert event.data == {"reason": "Something came up", "by": who}


def test_a_confirmed_booking_can_be_cancelled(api_as, alice_client, bob_expert, paid):
    post(api_as, bob_expert, paid, "accept")
    assert post(api_as, alice_client, paid, "cancel").json()["status"] == "cancelled"


def test_cancelling_frees_the_slot(api_as, alice_client, dave_client, bob_hour, paid, slot):
    post(api_as, alice_client, paid, "cancel")
    assert book(dave_client, bob_hour, slot).status == "pending"


def test_a_client_may_cancel_an_unpaid_booking_and_nothing_is_charged(api_as, alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    answer = post(api_as, alice_client, booking, "cancel")
    assert answer.json()["status"] == "cancelled"
    assert answer.json()["payment"]["status"] == "failed"


def test_cancelling_after_the_start_is_too_late(alice_client, paid):
    with pytest.raises(TooLate):
        booking_cancel(booking=paid, actor=alice_client, now=paid.call.scheduled_start + dt.timedelta(minutes=1))
    assert fresh(paid).status == "pending"


def test_accepting_a_request_after_its_start_is_too_late(api_as, bob_expert, paid, frozen_now):
    # The expiry job may not have run yet: the start itself decides (SPEC §3).
    frozen_now(paid.call.scheduled_start + dt.timedelta(minutes=1))
    answer = post(api_as, bob_expert, paid, "accept")
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "too_late"
    assert fresh(paid).status == "pending"
    assert not BookingEvent.objects.filter(booking=paid, action="accepted").exists()


def test_staff_may_cancel_even_after_the_start(admin_user, paid):
    booking = booking_cancel(booking=paid, actor=admin_user, now=paid.call.scheduled_start + dt.timedelta(hours=2))
    assert booking.status == "cancelled"
    assert BookingEvent.objects.get(booking=paid, action="cancelled").data["by"] == "staff"


# --- Who may do what ----------------------------------------------------------------------------

MATRIX = [
    # action, who, status
    ("accept", "expert", 200),
    ("accept", "client", 403),
    ("accept", "other client", 404),
    ("accept", "other expert", 404),
    ("decline", "expert", 200),
    ("decline", "client", 403),
    ("decline", "other client", 404),
    ("decline", "other expert", 404),
    ("cancel", "client", 200),
    ("cancel", "expert", 200),
    ("cancel", "other client", 404),
    ("cancel", "other expert", 404),
]


@pytest.mark.parametrize(("action", "who", "expected"), MATRIX)
def test_who_may_answer_or_cancel(api_as, people, paid, action, who, expected):
    answer = post(api_as, people[who], paid, action)
    assert answer.status_code == expected, answer.json()
    if expected != 200:
        assert fresh(paid).status == "pending"


@pytest.mark.parametrize("action", ["accept", "decline", "cancel"])
def test_anonymous_people_are_asked_to_sign_in(api, paid, action):
    assert api.post(f"/api/v1/bookings/{paid.pk}/{action}").status_code == 401
    assert fresh(paid).status == "pending"


@pytest.mark.parametrize(
    ("who", "expected"), [("client", 200), ("expert", 200), ("other client", 404), ("other expert", 404)]
)
def test_who_may_read_a_booking(api_as, people, paid, who, expected):
    assert api_as(people[who]).get(f"/api/v1/bookings/{paid.pk}").status_code == expected


def test_reading_a_booking_anonymously_is_a_401(api, paid):
    assert api.get(f"/api/v1/bookings/{paid.pk}").status_code == 401


def test_a_missing_booking_is_a_404(api_as, alice_client):
    answer = api_as(alice_client).get("/api/v1/bookings/987654")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


# --- Illegal transitions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "then", "who", "status"),
    [
        ("accept", "accept", "expert", "confirmed"),
        ("accept", "decline", "expert", "confirmed"),
        ("decline", "accept", "expert", "declined"),
        ("decline", "cancel", "client", "declined"),
        ("cancel", "accept", "expert", "cancelled"),
        ("cancel", "cancel", "client", "cancelled"),
    ],
)
def test_an_illegal_transition_is_a_409_naming_the_status(api_as, people, paid, first, then, who, status):
    first_by = "client" if first == "cancel" else "expert"
    assert post(api_as, people[first_by], paid, first).status_code == 200

    answer = post(api_as, people[who], paid, then)

    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "illegal_transition"
    assert error["fields"] == {"status": [status]}
    assert status in error["message"]


def test_the_expert_cannot_accept_an_unpaid_request_they_cannot_see(api_as, alice_client, bob_expert, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    assert post(api_as, bob_expert, booking, "accept").status_code == 404
    assert fresh(booking).status == "pending"


def test_an_overlong_reason_is_a_400(api_as, bob_expert, paid):
    answer = post(api_as, bob_expert, paid, "decline", {"reason": "x" * 501})
    assert answer.status_code == 400
    assert "reason" in answer.json()["error"]["fields"]
    assert fresh(paid).status == "pending"


# --- Listing ------------------------------------------------------------------------------------


def test_the_list_is_paginated_and_filters_by_status(api_as, alice_client, bob_expert, bob_hour, slot):
    first = paid_booking(alice_client, bob_hour, slot)
    second = paid_booking(alice_client, bob_hour, slot + dt.timedelta(hours=2))
    post(api_as, bob_expert, first, "accept")
    alice = api_as(alice_client)

    everything = alice.get("/api/v1/bookings").json()
    assert everything["count"] == 2
    assert [item["id"] for item in everything["results"]] == [second.pk, first.pk]
    assert [item["id"] for item in alice.get("/api/v1/bookings?status=confirmed").json()["results"]] == [first.pk]
    assert alice.get("/api/v1/bookings?page_size=1").json()["next"] is not None
    assert alice.get("/api/v1/bookings?status=nonsense").status_code == 400


def test_nobody_lists_anyone_elses_bookings(api_as, dave_client, carol_expert, paid):
    assert api_as(dave_client).get("/api/v1/bookings").json()["count"] == 0
    assert api_as(carol_expert).get("/api/v1/bookings").json()["count"] == 0
