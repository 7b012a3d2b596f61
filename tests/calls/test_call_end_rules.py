"""Ending a call pays the expert, so it needs proof the call took place: its scheduled
start has passed and both participants joined its room (LiveKit's signed webhooks; a
token alone proves nothing). Otherwise "End" is a 409 ``call_not_started`` that changes
nothing, and a call the client never joined ends as a no-show with a full refund."""

import datetime as dt

import pytest
from django.utils import timezone

from calls.models import CallNoShow, CallStatus
from calls.services import calls_mark_no_show
from payments.models import PaymentStatus, TestTransaction
from tests.calls.bookings import call_at, fresh, in_the_room
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.fakes.livekit_twirp import signed_webhook, webhook_event

pytestmark = pytest.mark.django_db


def end(api_as, user, booking, on_commit):
    with on_commit(execute=True):
        return api_as(user).post(f"/api/v1/calls/{booking.call_id}/end")


def livekit_says(api, kind: str, booking, *, user=None):
    """A signed LiveKit webhook about the booking's room, through the real endpoint."""
    identity = str(user.pk) if user else ""
    event = webhook_event(
        kind,
        room=f"booking-{booking.pk}",
        identity=identity,
        event_id=f"EV_{kind}_{identity}",
        created_at=int(timezone.now().timestamp()),
    )
    if user:
        event.participant.sid = f"PA_{identity}"
    body, auth = signed_webhook(event, api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)
    answer = api.post(
        "/api/v1/webhooks/livekit", data=body, content_type="application/webhook+json", HTTP_AUTHORIZATION=auth
    )
    assert answer.status_code == 200
    return answer


def begun(booking, minutes: int = 5):
    return call_at(booking, timezone.now() - dt.timedelta(minutes=minutes))


def assert_untouched(booking, fake_livekit=None) -> None:
    booking = fresh(booking)
    assert (booking.status, booking.call.ended_at, booking.call.payment.status) == ("confirmed", None, "held")
    assert not booking.events.filter(action="completed").exists()
    if fake_livekit is not None:
        assert fake_livekit.requests == []  # the room stays open


@pytest.mark.parametrize("in_the_room_already", [False, True])
def test_nobody_can_end_a_call_before_its_start_even_inside_the_join_window(
    api_as, livekit_settings, fake_livekit, bob_call, bob_expert, in_the_room_already,
    django_capture_on_commit_callbacks,
):
    """The join window opens 10 minutes early; the call itself begins at its start."""
    if in_the_room_already:
        in_the_room(bob_call, since=timezone.now())

    answer = end(api_as, bob_expert, bob_call, django_capture_on_commit_callbacks)

    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "call_not_started"
    assert error["fields"] == {"scheduled_start": [bob_call.call.scheduled_start.isoformat()]}
    assert "Leave" in error["message"]
    assert_untouched(bob_call, fake_livekit)


@pytest.mark.parametrize(
    ("joined", "who_ends", "not_joined"),
    [
        ([], "bob_expert", ["expert", "client"]),
        (["bob_expert"], "bob_expert", ["client"]),  # the expert alone cannot pay himself
        (["alice_client"], "alice_client", ["expert"]),  # nor can the client pay for an absent expert
    ],
)
def test_after_the_start_ending_needs_both_participants_to_have_joined(
    request, api, api_as, livekit_settings, fake_livekit, bob_call, joined, who_ends, not_joined,
    django_capture_on_commit_callbacks,
):
    begun(bob_call)
    for name in joined:
        livekit_says(api, "participant_joined", bob_call, user=request.getfixturevalue(name))

    answer = end(api_as, request.getfixturevalue(who_ends), bob_call, django_capture_on_commit_callbacks)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "call_not_started"
    assert answer.json()["error"]["fields"] == {"not_joined": not_joined}
    assert_untouched(bob_call, fake_livekit)


def test_a_token_alone_does_not_count_as_joining(
    api, api_as, livekit_settings, bob_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    begun(bob_call)
    assert api_as(alice_client).post(f"/api/v1/calls/{bob_call.call_id}/token").status_code == 200
    livekit_says(api, "participant_joined", bob_call, user=bob_expert)

    answer = end(api_as, bob_expert, bob_call, django_capture_on_commit_callbacks)

    assert answer.json()["error"]["fields"] == {"not_joined": ["client"]}
    assert_untouched(bob_call)


def test_once_both_joined_after_the_start_either_may_end_and_the_expert_is_paid(
    api, api_as, livekit_settings, fake_livekit, bob_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    begun(bob_call)
    livekit_says(api, "participant_joined", bob_call, user=bob_expert)
    livekit_says(api, "participant_joined", bob_call, user=alice_client)

    answer = end(api_as, bob_expert, bob_call, django_capture_on_commit_callbacks)

    assert answer.status_code == 200 and answer.json()["status"] == "completed"
    payment = fresh(bob_call).call.payment
    assert (payment.status, payment.expert_share) == (PaymentStatus.SUCCEEDED, 1_350_000)
    assert [request.method for request in fake_livekit.requests] == ["DeleteRoom"]


def test_a_client_who_never_joins_is_refunded_and_the_expert_is_never_paid(
    api, api_as, livekit_settings, bob_call, bob_expert, django_capture_on_commit_callbacks
):
    """The expert waits alone, tries to end (refused), leaves; the room finishes; after
    the end plus the grace period the call is a no-show and the client gets it all back."""
    begun(bob_call, minutes=30)
    livekit_says(api, "participant_joined", bob_call, user=bob_expert)
    assert end(api_as, bob_expert, bob_call, django_capture_on_commit_callbacks).status_code == 409
    livekit_says(api, "participant_left", bob_call, user=bob_expert)
    livekit_says(api, "room_finished", bob_call)
    assert_untouched(bob_call)

    with django_capture_on_commit_callbacks(execute=True):
        assert calls_mark_no_show(now=timezone.now() + dt.timedelta(hours=1)) == 1

    booking = fresh(bob_call)
    assert (booking.status, booking.call.status) == ("cancelled", CallStatus.NO_SHOW)
    absent = CallNoShow.objects.get(call=booking.call)
    assert (absent.expert_absent, absent.client_absent) == (False, True)
    payment = booking.call.payment
    assert (payment.status, payment.expert_share, payment.released_at) == (PaymentStatus.REFUNDED, None, None)
    assert TestTransaction.objects.get(reference=payment.reference).refunded_amount == 1_500_000


def test_a_room_that_emptied_before_the_start_is_completed_by_the_job_after_the_end(
    api, livekit_settings, bob_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    """Both came early and left before the start: room_finished cannot complete the call
    yet (they may come back); once its time is over, the job completes it."""
    for user in (bob_expert, alice_client):
        livekit_says(api, "participant_joined", bob_call, user=user)
    livekit_says(api, "room_finished", bob_call)
    assert_untouched(bob_call)

    with django_capture_on_commit_callbacks(execute=True):
        assert calls_mark_no_show(now=timezone.now() + dt.timedelta(hours=2)) == 1

    booking = fresh(bob_call)
    assert (booking.status, booking.call.payment.status) == ("completed", PaymentStatus.SUCCEEDED)
    assert not CallNoShow.objects.exists()
