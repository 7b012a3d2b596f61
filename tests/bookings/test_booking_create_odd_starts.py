"""Starts an integrator may send that no slot engine offers: near datetime's limits
(which overflowed into a 500 once shifted to the expert's zone), and the same client
booking the same slot twice (told it is theirs, not that "someone" took it)."""

import datetime as dt

import pytest

from calls.models import Call
from scheduling.bookings.errors import BookingInvalid
from scheduling.bookings.reschedules import reschedule_propose
from scheduling.bookings.services import booking_create
from tests.bookings.helpers import paid_booking

pytestmark = pytest.mark.django_db(transaction=True)

FAR_STARTS = ["9999-12-31T23:45:00Z", "9999-06-01T09:00:00+05:45", "9998-01-01T00:00:00Z", "0002-01-01T00:00:00-14:00"]


@pytest.mark.parametrize("start", FAR_STARTS)
def test_a_start_near_the_end_of_time_is_a_400_naming_start(api_as, alice_client, bob_hour, start):
    response = api_as(alice_client).post("/api/v1/bookings", {"area": bob_hour.pk, "start": start}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["start"]
    assert not Call.objects.exists()


@pytest.mark.parametrize("start", FAR_STARTS[:2])
def test_a_proposal_near_the_end_of_time_is_a_400_naming_start(api_as, alice_client, bob_expert, bob_hour, slot, start):
    booking = paid_booking(alice_client, bob_hour, slot)

    response = api_as(bob_expert).post(f"/api/v1/bookings/{booking.pk}/reschedule", {"start": start}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["start"]


def test_the_service_refuses_a_far_start_given_as_a_datetime(alice_client, bob_hour, bob_expert, slot):
    far = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with pytest.raises(BookingInvalid):
        booking_create(client=alice_client, area=bob_hour, start=far)
    booking = paid_booking(alice_client, bob_hour, slot)
    with pytest.raises(BookingInvalid):
        reschedule_propose(booking=booking, actor=bob_expert, start=far)


def test_booking_ones_own_slot_again_is_client_busy(api_as, alice_client, bob_hour, slot):
    client = api_as(alice_client)
    body = {"area": bob_hour.pk, "start": slot.isoformat()}
    assert client.post("/api/v1/bookings", body, format="json").status_code == 201

    again = client.post("/api/v1/bookings", body, format="json")

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "client_busy"
    assert Call.objects.count() == 1


def test_another_client_still_hears_the_slot_is_taken(api_as, alice_client, dave_client, bob_hour, slot):
    body = {"area": bob_hour.pk, "start": slot.isoformat()}
    api_as(alice_client).post("/api/v1/bookings", body, format="json")

    answer = api_as(dave_client).post("/api/v1/bookings", body, format="json")

    assert (answer.status_code, answer.json()["error"]["code"]) == (409, "slot_taken")
