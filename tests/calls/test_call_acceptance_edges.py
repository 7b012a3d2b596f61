"""Acceptance edges of the calls API (SPEC §4, §8) not covered elsewhere: the join
window's exact bounds and how it follows a reschedule, refusals for every booking
outcome, a live call that cannot be moved, LiveKit webhooks whose signed contents are
odd (content types, room names, identities, timestamps), and note bodies of the wrong
type."""

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from calls.models import CallAttendance, CallNote, CallStatus, LiveKitWebhookEvent
from calls.services import calls_mark_no_show
from payments.models import PaymentStatus
from scheduling.bookings.reschedules import reschedule_accept, reschedule_propose
from scheduling.bookings.transitions import booking_decline
from scheduling.models_booking import RescheduleProposal
from tests.calls.bookings import bookable_day, call_at, fresh, in_the_room, live, paid
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.fakes.livekit_twirp import signed_webhook, webhook_event

pytestmark = pytest.mark.django_db

WEBHOOK_URL = "/api/v1/webhooks/livekit"
MICROSECOND = dt.timedelta(microseconds=1)


def token(api_as, user, booking):
    return api_as(user).post(f"/api/v1/calls/{booking.call_id}/token")


def deliver(api, event, *, content_type="application/webhook+json"):
    body, auth = signed_webhook(event, api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)
    return api.post(WEBHOOK_URL, data=body, content_type=content_type, HTTP_AUTHORIZATION=auth)


def on_commit(action, *args, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action(*args, **kwargs)


# --- The join window: exact bounds, and a reschedule moves it ---------------------------------


@pytest.mark.parametrize(
    ("at", "status", "code"),
    [
        ("opens", 200, None),
        ("just_before_opens", 409, "call_not_open"),
        ("just_before_end", 200, None),
        ("end", 409, "call_over"),
    ],
)
def test_the_window_opens_exactly_ten_minutes_before_the_start_and_closes_at_the_end(
    api_as, livekit_settings, frozen_now, bob_call, alice_client, at, status, code
):
    call = bob_call.call
    opens = call.scheduled_start - dt.timedelta(minutes=10)
    moments = {
        "opens": opens,
        "just_before_opens": opens - MICROSECOND,
        "just_before_end": call.scheduled_end - MICROSECOND,
        "end": call.scheduled_end,
    }
    frozen_now(moments[at])

    answer = token(api_as, alice_client, bob_call)

    assert answer.status_code == status
    if code:
        assert answer.json()["error"]["code"] == code


def test_a_rescheduled_call_is_joined_in_its_new_window_only(
    api_as, livekit_settings, frozen_now, alice_client, bob_expert, bob_hour
):
    booking = paid(alice_client, bob_hour)
    on_commit(reschedule_propose, booking=booking, actor=bob_expert, start=bookable_day(2) + dt.timedelta(hours=3))
    on_commit(reschedule_accept, booking=booking, actor=alice_client)
    booking = fresh(booking)
    old_start, new_start = bookable_day(2), booking.call.scheduled_start
    assert (booking.status, new_start) == ("confirmed", old_start + dt.timedelta(hours=3))

    frozen_now(old_start)
    refused = token(api_as, alice_client, booking)
    assert refused.status_code == 409
    assert refused.json()["error"]["fields"] == {"join_opens_at": [(new_start - dt.timedelta(minutes=10)).isoformat()]}

    frozen_now(new_start - dt.timedelta(minutes=10))
    assert token(api_as, alice_client, booking).status_code == 200


def test_a_call_someone_has_joined_cannot_be_rescheduled(
    api_as, livekit_settings, bob_live_call, alice_client, bob_expert
):
    later = bookable_day(4)

    answer = api_as(bob_expert).post(
        f"/api/v1/bookings/{bob_live_call.pk}/reschedule", {"start": later.isoformat()}, format="json"
    )

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "too_late"
    assert not RescheduleProposal.objects.exists()


def test_a_proposal_made_before_the_call_cannot_be_accepted_once_someone_joined(
    api_as, livekit_settings, bob_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_propose(booking=bob_call, actor=bob_expert, start=bookable_day(4))
    booking = live(bob_call)
    started = booking.call.scheduled_start

    answer = api_as(alice_client).post(f"/api/v1/bookings/{booking.pk}/reschedule/accept", format="json")

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "too_late"
    call = fresh(booking).call
    # The call stays where both met: ending it (or the no-show job) judges that meeting.
    assert (call.scheduled_start, call.status) == (started, CallStatus.IN_PROGRESS)
    assert RescheduleProposal.objects.get().status == "open"


# --- Refusals for every booking outcome: 409 with the booking's status, 404 for strangers -----


def test_a_declined_booking_gets_no_token(api_as, livekit_settings, alice_client, bob_expert, bob_hour):
    booking = paid(alice_client, bob_hour)
    on_commit(booking_decline, booking=booking, actor=bob_expert, reason="Away")
    booking = call_at(booking, timezone.now() + dt.timedelta(minutes=5))

    for person in (alice_client, bob_expert):
        answer = token(api_as, person, booking)
        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "booking_not_confirmed"
        assert answer.json()["error"]["fields"] == {"status": ["declined"]}


def test_a_no_show_call_gets_no_token_and_says_why(api_as, livekit_settings, bob_call, alice_client):
    booking = call_at(bob_call, timezone.now() - dt.timedelta(minutes=80))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert calls_mark_no_show() == 1
    # Moved back inside a window: the outcome, not the clock, refuses it.
    booking = call_at(booking, timezone.now() + dt.timedelta(minutes=5))

    answer = token(api_as, alice_client, booking)

    assert answer.status_code == 409
    error = answer.json()["error"]
    assert (error["code"], error["fields"]) == ("booking_not_confirmed", {"status": ["cancelled"]})
    assert "did not take place" in error["message"]


def test_a_completed_call_gets_no_token(api_as, livekit_settings, bob_live_call, alice_client):
    assert api_as(alice_client).post(f"/api/v1/calls/{bob_live_call.call_id}/end").status_code == 200

    answer = token(api_as, alice_client, bob_live_call)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "illegal_transition"


# --- LiveKit webhooks with odd but signed contents --------------------------------------------


@pytest.mark.parametrize("content_type", ["application/webhook+json", "application/json", "text/plain"])
def test_a_webhook_is_read_from_its_raw_body_whatever_the_content_type(
    api, livekit_settings, bob_call, alice_client, content_type
):
    event = webhook_event(
        "participant_joined", room=f"booking-{bob_call.pk}", identity=str(alice_client.pk), event_id="EV_1"
    )

    answer = deliver(api, event, content_type=content_type)

    assert (answer.status_code, answer.json()) == (200, {"status": "processed"})
    assert CallAttendance.objects.get().user == alice_client


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "room", ["booking-²", "booking-{arabic}", "booking-0{pk}", "booking-", "booking--{pk}", "Booking-{pk}"]
)
def test_a_room_that_is_not_exactly_one_of_ours_is_ignored(api, livekit_settings, bob_call, alice_client, room):
    # Arabic-Indic digits are digits to int(): "booking-٣" would be read as booking 3.
    name = room.format(pk=bob_call.pk, arabic=str(bob_call.pk).translate(ARABIC_INDIC))
    impostor = webhook_event("participant_joined", room=name, identity=str(alice_client.pk))

    answer = deliver(api, impostor)

    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})
    assert not CallAttendance.objects.exists()
    assert fresh(bob_call).call.status == CallStatus.SCHEDULED


@pytest.mark.parametrize("identity", ["²", "0{pk}", "{pk}.0", " {pk}", "user-{pk}"])
def test_an_identity_that_is_not_exactly_a_participants_id_is_not_attendance(
    api, livekit_settings, bob_call, alice_client, identity
):
    joined = webhook_event(
        "participant_joined", room=f"booking-{bob_call.pk}", identity=identity.format(pk=alice_client.pk)
    )

    answer = deliver(api, joined)

    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})
    assert not CallAttendance.objects.exists()


@pytest.mark.parametrize("created_at", [2**40, 2**62, -5])
def test_an_impossible_event_time_falls_back_to_when_it_arrived(
    api, livekit_settings, bob_call, alice_client, created_at
):
    before = timezone.now()
    joined = webhook_event(
        "participant_joined", room=f"booking-{bob_call.pk}", identity=str(alice_client.pk), created_at=created_at
    )

    answer = deliver(api, joined)

    assert (answer.status_code, answer.json()) == (200, {"status": "processed"})
    stay = CallAttendance.objects.get()
    assert before <= stay.joined_at <= timezone.now()
    assert LiveKitWebhookEvent.objects.get().happened_at == stay.joined_at


def test_a_stranger_in_the_room_does_not_save_the_call_from_being_a_no_show(
    api, livekit_settings, bob_call, bob_expert, dave_client
):
    booking = call_at(bob_call, timezone.now() - dt.timedelta(minutes=80))
    at = int(booking.call.scheduled_start.timestamp())
    for user, event_id in ((bob_expert, "JE"), (dave_client, "JD")):
        deliver(
            api,
            webhook_event(
                "participant_joined",
                room=f"booking-{booking.pk}",
                identity=str(user.pk),
                event_id=event_id,
                created_at=at,
            ),
        )
    deliver(api, webhook_event("room_finished", room=f"booking-{booking.pk}", event_id="RF", created_at=at + 600))

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert calls_mark_no_show() == 1

    booking = fresh(booking)
    assert (booking.call.status, booking.call.no_show.client_absent) == (CallStatus.NO_SHOW, True)
    assert booking.call.payment.status == PaymentStatus.REFUNDED


# --- Notes: the body must be text ---------------------------------------------------------------


@pytest.mark.parametrize("body", [None, ["a"], {"text": "a"}, True])
def test_a_note_body_that_is_not_text_is_a_400_with_the_field(api_as, bob_call, bob_expert, body):
    started = in_the_room(call_at(bob_call, timezone.now() - dt.timedelta(minutes=5)))

    answer = api_as(bob_expert).post(f"/api/v1/calls/{started.call_id}/notes", {"body": body}, format="json")

    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == ["body"]
    assert not CallNote.objects.exists()


def test_notes_on_a_cancelled_call_are_refused_even_after_its_time(api_as, alice_client, bob_expert, bob_hour):
    booking = paid(alice_client, bob_hour)
    on_commit(booking_decline, booking=booking, actor=bob_expert)
    booking = call_at(booking, timezone.now() - dt.timedelta(minutes=5))

    answer = api_as(bob_expert).post(f"/api/v1/calls/{booking.call_id}/notes", {"body": "Hm"}, format="json")

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "notes_not_open"
