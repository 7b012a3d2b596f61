"""Declining a reschedule cancels the booking with a full refund, so it is refused once
the call has started, like cancelling (409 ``too_late``): the call keeps its time."""

import datetime as dt

import pytest

from scheduling.models_booking import RescheduleProposal
from tests.bookings.helpers import fresh, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def proposed(api_as, alice_client, bob_expert, bob_hour, slot):
    """Alice's confirmed booking with an open proposal to move it a day later."""
    booking = paid_booking(alice_client, bob_hour, slot)
    expert = api_as(bob_expert)
    assert expert.post(f"/api/v1/bookings/{booking.pk}/accept").status_code == 200
    later = {"start": (slot + dt.timedelta(days=1)).isoformat()}
    assert expert.post(f"/api/v1/bookings/{booking.pk}/reschedule", later, format="json").status_code == 200
    return booking


@pytest.mark.parametrize("minutes", [0, 10, 120])
def test_declining_a_proposal_after_the_start_is_too_late(api_as, alice_client, proposed, slot, frozen_now, minutes):
    frozen_now(slot + dt.timedelta(minutes=minutes))

    response = api_as(alice_client).post(f"/api/v1/bookings/{proposed.pk}/reschedule/decline", format="json")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "too_late"
    booking = fresh(proposed)
    assert (booking.status, booking.call.status, booking.call.payment.status) == ("confirmed", "scheduled", "held")
    assert RescheduleProposal.objects.get().status == "open"


def test_declining_a_proposal_before_the_start_still_cancels_and_refunds(
    api_as, alice_client, proposed, slot, frozen_now
):
    frozen_now(slot - dt.timedelta(minutes=1))

    response = api_as(alice_client).post(f"/api/v1/bookings/{proposed.pk}/reschedule/decline", format="json")

    assert response.status_code == 200
    booking = fresh(proposed)
    assert (booking.status, booking.call.payment.status) == ("cancelled", "refunded")


def test_the_booking_page_stops_offering_answers_to_the_proposal_at_the_start(
    client, alice_client, proposed, slot, frozen_now
):
    client.force_login(alice_client)
    assert f"/bookings/{proposed.pk}/reschedule-decline/" in client.get(f"/bookings/{proposed.pk}/").content.decode()

    frozen_now(slot + dt.timedelta(minutes=1))
    page = client.get(f"/bookings/{proposed.pk}/").content.decode()

    assert f"/bookings/{proposed.pk}/reschedule-decline/" not in page
    assert "can no longer be answered" in page
