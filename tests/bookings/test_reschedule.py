"""Rescheduling: the expert proposes a free start, the client accepts (the call moves,
the booking is confirmed) or declines (cancelled with a full refund)."""

import datetime as dt

import pytest

from calls.models import Call
from scheduling.bookings.errors import SlotTaken
from scheduling.bookings.reschedules import reschedule_accept, reschedule_propose
from scheduling.models_booking import RescheduleProposal
from tests.bookings.helpers import book, fresh, paid_booking, slots_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid(alice_client, bob_hour, slot):
    return paid_booking(alice_client, bob_hour, slot)


def propose(api_as, user, booking, start):
    return api_as(user).post(f"/api/v1/bookings/{booking.pk}/reschedule", {"start": start.isoformat()}, format="json")


def answer(api_as, user, booking, verb):
    return api_as(user).post(f"/api/v1/bookings/{booking.pk}/reschedule/{verb}", format="json")


def test_the_expert_proposes_and_the_client_sees_the_proposal(api_as, alice_client, bob_expert, paid, slot):
    new_start = slot + dt.timedelta(hours=3)
    response = propose(api_as, bob_expert, paid, new_start)

    assert response.status_code == 200, response.json()
    proposal = RescheduleProposal.objects.get()
    assert response.json()["reschedule"] == {
        "id": proposal.pk,
        "proposed_start": new_start.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "status": "open",
        "created_at": response.json()["reschedule"]["created_at"],
    }
    assert api_as(alice_client).get(f"/api/v1/bookings/{paid.pk}").json()["reschedule"]["id"] == proposal.pk
    assert response.json()["status"] == "pending"  # unchanged until the client answers


def test_accepting_moves_the_call_and_confirms_the_booking(api, api_as, alice_client, bob_expert, paid, slot):
    new_start = slot + dt.timedelta(hours=3)
    propose(api_as, bob_expert, paid, new_start)

    response = answer(api_as, alice_client, paid, "accept")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reschedule"]) == ("confirmed", None)
    call = Call.objects.get()
    assert (call.scheduled_start, call.scheduled_end) == (new_start, new_start + dt.timedelta(hours=1))
    assert RescheduleProposal.objects.get().status == "accepted"
    event = paid.events.get(action="reschedule_accepted")
    assert event.data["to_start"] == new_start.astimezone(dt.UTC).isoformat()
    slots = api.get(slots_url(paid.call.area, slot.date())).json()["slots"]
    assert slot.isoformat() in slots and new_start.isoformat() not in slots


def test_declining_cancels_with_a_full_refund(api_as, alice_client, bob_expert, paid, slot):
    propose(api_as, bob_expert, paid, slot + dt.timedelta(hours=3))
    body = answer(api_as, alice_client, paid, "decline").json()
    assert (body["status"], body["payment"]["status"], body["call"]["status"]) == ("cancelled", "refunded", "cancelled")
    assert RescheduleProposal.objects.get().status == "declined"


def test_the_expert_may_withdraw_an_open_proposal(api_as, bob_expert, paid, slot):
    propose(api_as, bob_expert, paid, slot + dt.timedelta(hours=3))
    assert answer(api_as, bob_expert, paid, "withdraw").json()["reschedule"] is None
    assert RescheduleProposal.objects.get().status == "withdrawn"


def test_only_one_proposal_is_open_at_a_time(api_as, bob_expert, paid, slot):
    assert propose(api_as, bob_expert, paid, slot + dt.timedelta(hours=3)).status_code == 200
    second = propose(api_as, bob_expert, paid, slot + dt.timedelta(hours=4))
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "reschedule_open"
    assert RescheduleProposal.objects.count() == 1


def test_a_proposal_must_be_free_for_the_expert(api_as, dave_client, bob_expert, bob_hour, paid, slot):
    book(dave_client, bob_hour, slot + dt.timedelta(hours=3))
    response = propose(api_as, bob_expert, paid, slot + dt.timedelta(hours=3, minutes=30))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slot_taken"


def test_a_proposal_outside_the_experts_hours_is_unavailable(api_as, bob_expert, paid, slot):
    response = propose(api_as, bob_expert, paid, slot.replace(hour=20))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slot_unavailable"


def test_the_booking_may_move_within_its_own_time(api_as, bob_expert, paid, slot):
    """The call's own time is not busy for its reschedule: half an hour later is fine."""
    assert propose(api_as, bob_expert, paid, slot + dt.timedelta(minutes=30)).status_code == 200


def test_proposing_the_current_time_or_a_past_one_is_a_400(api_as, bob_expert, paid, slot):
    assert propose(api_as, bob_expert, paid, slot).status_code == 400
    assert propose(api_as, bob_expert, paid, slot - dt.timedelta(days=5)).status_code == 400


def test_answering_without_an_open_proposal_is_a_409(api_as, alice_client, paid):
    response = answer(api_as, alice_client, paid, "accept")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_open_reschedule"


def test_accepting_a_time_someone_took_meanwhile_is_a_409(alice_client, dave_client, bob_expert, bob_hour, paid, slot):
    new_start = slot + dt.timedelta(hours=3)
    reschedule_propose(booking=paid, actor=bob_expert, start=new_start)
    book(dave_client, bob_hour, new_start)

    with pytest.raises(SlotTaken):
        reschedule_accept(booking=paid, actor=alice_client)
    assert fresh(paid).call.scheduled_start == slot
    assert RescheduleProposal.objects.get().status == "open"


def test_ending_a_booking_closes_its_open_proposal(api_as, alice_client, bob_expert, paid, slot):
    propose(api_as, bob_expert, paid, slot + dt.timedelta(hours=3))
    api_as(alice_client).post(f"/api/v1/bookings/{paid.pk}/cancel")
    assert RescheduleProposal.objects.get().status == "withdrawn"


@pytest.mark.parametrize(
    ("verb", "who", "expected"),
    [
        ("propose", "client", 403),
        ("propose", "other client", 404),
        ("propose", "other expert", 404),
        ("accept", "expert", 403),
        ("accept", "other client", 404),
        ("accept", "other expert", 404),
        ("decline", "expert", 403),
        ("decline", "other client", 404),
        ("withdraw", "client", 403),
        ("withdraw", "other expert", 404),
    ],
)
def test_who_may_reschedule(
    api_as, alice_client, bob_expert, dave_client, carol_expert, paid, slot, verb, who, expected
):
    people = {"client": alice_client, "expert": bob_expert, "other client": dave_client, "other expert": carol_expert}
    new_start = slot + dt.timedelta(hours=3)
    if verb != "propose":
        assert propose(api_as, bob_expert, paid, new_start).status_code == 200
        response = answer(api_as, people[who], paid, verb)
    else:
        response = propose(api_as, people[who], paid, new_start)
    assert response.status_code == expected
    assert fresh(paid).status == "pending"
    assert fresh(paid).call.scheduled_start == slot


@pytest.mark.parametrize("path", ["reschedule", "reschedule/accept", "reschedule/decline", "reschedule/withdraw"])
def test_anonymous_people_cannot_reschedule(api, paid, path):
    assert api.post(f"/api/v1/bookings/{paid.pk}/{path}").status_code == 401


def test_an_ended_booking_cannot_be_rescheduled(api_as, alice_client, bob_expert, paid, slot):
    api_as(alice_client).post(f"/api/v1/bookings/{paid.pk}/cancel")
    response = propose(api_as, bob_expert, paid, slot + dt.timedelta(hours=3))
    assert response.status_code == 409
    assert response.json()["error"]["fields"] == {"status": ["cancelled"]}


@pytest.mark.parametrize("at_minutes", [0, 10])
def test_a_call_that_has_started_cannot_be_rescheduled(api_as, bob_expert, paid, slot, frozen_now, at_minutes):
    assert api_as(bob_expert).post(f"/api/v1/bookings/{paid.pk}/accept").status_code == 200
    frozen_now(slot + dt.timedelta(minutes=at_minutes))
    response = propose(api_as, bob_expert, paid, slot + dt.timedelta(days=1))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "too_late"
    assert not RescheduleProposal.objects.exists()


def test_a_proposal_cannot_move_a_call_that_has_started(api_as, alice_client, bob_expert, paid, slot, frozen_now):
    assert propose(api_as, bob_expert, paid, slot + dt.timedelta(days=1)).status_code == 200
    frozen_now(slot + dt.timedelta(minutes=10))
    response = answer(api_as, alice_client, paid, "accept")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "too_late"
    assert fresh(paid).call.scheduled_start == slot
    assert RescheduleProposal.objects.get().status == "open"


def test_accepting_a_proposal_whose_time_has_passed_is_a_409(api_as, alice_client, bob_expert, paid, slot, frozen_now):
    # The client sent no input, so a 400 naming "start" would be wrong: the proposal went stale.
    proposed = slot - dt.timedelta(days=1) + dt.timedelta(hours=3)  # the day before the call, at noon
    assert propose(api_as, bob_expert, paid, proposed).status_code == 200
    frozen_now(proposed + dt.timedelta(minutes=1))
    response = answer(api_as, alice_client, paid, "accept")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "too_late"
    assert fresh(paid).call.scheduled_start == slot


def test_a_proposal_accepted_inside_the_experts_notice_still_moves_the_call(
    api_as, alice_client, bob_expert, paid, slot, frozen_now
):
    """bob asks two hours' notice; he proposed noon the day before the call, and the
    client says yes at 11:00 that day. bob chose that time, so it is taken."""
    proposed = slot - dt.timedelta(days=1) + dt.timedelta(hours=3)
    assert propose(api_as, bob_expert, paid, proposed).status_code == 200
    frozen_now(proposed - dt.timedelta(hours=1))

    response = answer(api_as, alice_client, paid, "accept")

    assert response.status_code == 200, response.json()
    assert fresh(paid).call.scheduled_start == proposed


def test_a_proposal_outside_hours_the_expert_has_since_removed_is_still_refused(
    api_as, alice_client, bob_expert, paid, slot, frozen_now
):
    """Only the notice is measured from the proposal: his hours are read as they are now."""
    proposed = slot - dt.timedelta(days=1) + dt.timedelta(hours=3)
    assert propose(api_as, bob_expert, paid, proposed).status_code == 200
    bob_expert.expert_profile.weekly_ranges.all().delete()
    frozen_now(proposed - dt.timedelta(hours=1))

    response = answer(api_as, alice_client, paid, "accept")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slot_unavailable"
    assert fresh(paid).call.scheduled_start == slot
