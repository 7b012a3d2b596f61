"""POST /api/v1/webhooks/livekit: signed by LiveKit (verified with livekit-api), acted on
once per event id. Joins and leaves become attendance, the first join starts the call,
and room_finished after both joined completes it like "End call"."""

import datetime as dt

import pytest
from django.utils import timezone

from calls.models import CallAttendance, LiveKitWebhookEvent
from payments.models import PaymentStatus
from tests.calls.bookings import call_at, fresh
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.fakes.livekit_twirp import signed_webhook, webhook_event

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/livekit"
T0 = int(timezone.now().timestamp())


def event(kind, booking, *, user=None, sid="", event_id="", at=T0):
    built = webhook_event(
        kind, room=f"booking-{booking.pk}", identity=str(user.pk) if user else "", event_id=event_id, created_at=at
    )
    if sid:
        built.participant.sid = sid
    return built


def deliver(api, built, *, secret=LIVEKIT_API_SECRET, tamper=None):
    body, auth = signed_webhook(built, api_key=LIVEKIT_API_KEY, api_secret=secret)
    if tamper:
        body = tamper(body)
    return api.post(URL, data=body, content_type="application/webhook+json", HTTP_AUTHORIZATION=auth)


def moment(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def test_a_join_records_attendance_and_starts_the_call(api, livekit_settings, bob_call, alice_client):
    answer = deliver(api, event("participant_joined", bob_call, user=alice_client, sid="PA_1", event_id="EV_1"))

    assert answer.status_code == 200
    assert answer.json() == {"status": "processed"}
    stay = CallAttendance.objects.get()
    assert (stay.call_id, stay.user, stay.participant_sid, stay.joined_at, stay.left_at) == (
        bob_call.call_id,
        alice_client,
        "PA_1",
        moment(T0),
        None,
    )
    call = fresh(bob_call).call
    assert (call.status, call.started_at) == ("in_progress", moment(T0))


def test_a_leave_closes_that_connections_stay(api, livekit_settings, bob_call, alice_client):
    deliver(api, event("participant_joined", bob_call, user=alice_client, sid="PA_1", event_id="EV_1"))
    deliver(api, event("participant_left", bob_call, user=alice_client, sid="PA_1", event_id="EV_2", at=T0 + 600))

    stay = CallAttendance.objects.get()
    assert (stay.joined_at, stay.left_at, stay.seconds) == (moment(T0), moment(T0 + 600), 600)


def test_a_leave_arriving_before_its_join_still_pairs_up(api, livekit_settings, bob_call, bob_expert):
    deliver(api, event("participant_left", bob_call, user=bob_expert, sid="PA_9", event_id="EV_2", at=T0 + 60))
    deliver(api, event("participant_joined", bob_call, user=bob_expert, sid="PA_9", event_id="EV_1"))

    stay = CallAttendance.objects.get()
    assert (stay.joined_at, stay.left_at) == (moment(T0), moment(T0 + 60))


def test_a_rejoin_is_a_second_stay(api, livekit_settings, bob_call, alice_client):
    for number, (sid, joined, left) in enumerate([("PA_1", 0, 60), ("PA_2", 120, 300)]):
        deliver(api, event("participant_joined", bob_call, user=alice_client, sid=sid, event_id=f"J{number}", at=T0 + joined))
        deliver(api, event("participant_left", bob_call, user=alice_client, sid=sid, event_id=f"L{number}", at=T0 + left))

    assert sorted(stay.seconds for stay in CallAttendance.objects.all()) == [60, 180]
    assert fresh(bob_call).call.started_at == moment(T0)


def test_a_duplicate_delivery_changes_nothing(api, livekit_settings, bob_call, alice_client):
    joined = event("participant_joined", bob_call, user=alice_client, sid="PA_1", event_id="EV_1")
    deliver(api, joined)
    CallAttendance.objects.update(left_at=moment(T0 + 5))

    again = deliver(api, joined)

    assert again.status_code == 200
    assert again.json() == {"status": "duplicate"}
    assert CallAttendance.objects.get().left_at == moment(T0 + 5)
    assert LiveKitWebhookEvent.objects.get().outcome == "processed"


def test_a_forged_signature_is_401_and_changes_nothing(api, livekit_settings, bob_call, alice_client):
    forged = event("participant_joined", bob_call, user=alice_client, sid="PA_1", event_id="EV_1")

    answer = deliver(api, forged, secret="another-secret-0123456789abcdefghijklmnop")

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "webhook_signature_invalid"
    assert not CallAttendance.objects.exists() and not LiveKitWebhookEvent.objects.exists()
    assert fresh(bob_call).call.status == "scheduled"


def test_a_tampered_body_is_401_and_changes_nothing(api, livekit_settings, bob_call, alice_client, bob_expert):
    joined = event("participant_joined", bob_call, user=alice_client, sid="PA_1", event_id="EV_1")

    answer = deliver(api, joined, tamper=lambda body: body.replace(str(alice_client.pk), str(bob_expert.pk)))

    assert answer.status_code == 401
    assert not CallAttendance.objects.exists() and not LiveKitWebhookEvent.objects.exists()


def test_an_unsigned_delivery_is_401(api, livekit_settings, bob_call, alice_client):
    body, _auth = signed_webhook(
        event("room_finished", bob_call, event_id="EV_1"), api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET
    )

    answer = api.post(URL, data=body, content_type="application/webhook+json")

    assert answer.status_code == 401
    assert not LiveKitWebhookEvent.objects.exists()


def test_rooms_that_are_not_ours_are_acknowledged_and_ignored(api, livekit_settings, alice_client):
    answer = deliver(api, webhook_event("participant_joined", room="lobby-test", identity="1", event_id="EV_1"))
    unknown_booking = deliver(api, webhook_event("room_finished", room="booking-999999", event_id="EV_2"))

    assert answer.json() == {"status": "ignored"} and unknown_booking.json() == {"status": "ignored"}
    assert not CallAttendance.objects.exists()


def test_someone_who_is_not_a_participant_is_not_attendance(api, livekit_settings, bob_call, dave_client):
    answer = deliver(api, event("participant_joined", bob_call, user=dave_client, sid="PA_7", event_id="EV_1"))

    assert answer.json() == {"status": "ignored"}
    assert not CallAttendance.objects.exists()
    assert fresh(bob_call).call.status == "scheduled"


def both_joined(api, booking, client, expert):
    deliver(api, event("participant_joined", booking, user=expert, sid="PA_E", event_id="JE"))
    deliver(api, event("participant_joined", booking, user=client, sid="PA_C", event_id="JC", at=T0 + 30))


def test_room_finished_after_both_joined_completes_the_call(
    api, livekit_settings, fake_livekit, bob_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    both_joined(api, bob_call, alice_client, bob_expert)

    with django_capture_on_commit_callbacks(execute=True):
        answer = deliver(api, event("room_finished", bob_call, event_id="RF", at=T0 + 1800))

    assert answer.json() == {"status": "processed"}
    booking = fresh(bob_call)
    assert (booking.status, booking.call.status, booking.call.ended_at) == ("completed", "completed", moment(T0 + 1800))
    payment = booking.call.payment
    assert (payment.status, payment.platform_fee, payment.expert_share) == (PaymentStatus.SUCCEEDED, 150_000, 1_350_000)
    assert booking.events.get(action="completed").data["by"] == "livekit"
    # Everyone was disconnected when the room finished; nobody asks LiveKit to close it.
    assert set(CallAttendance.objects.values_list("left_at", flat=True)) == {moment(T0 + 1800)}
    assert fake_livekit.requests == []


def test_room_finished_with_only_one_participant_leaves_the_call_to_the_no_show_job(
    api, livekit_settings, bob_call, bob_expert
):
    deliver(api, event("participant_joined", bob_call, user=bob_expert, sid="PA_E", event_id="JE"))

    deliver(api, event("room_finished", bob_call, event_id="RF", at=T0 + 900))

    booking = fresh(bob_call)
    assert (booking.status, booking.call.status, booking.call.payment.status) == ("confirmed", "in_progress", "held")
    assert CallAttendance.objects.get().left_at == moment(T0 + 900)


def test_room_finished_after_a_participant_ended_the_call_is_harmless(
    api, api_as, livekit_settings, bob_call, alice_client, bob_expert
):
    call_at(bob_call, timezone.now() - dt.timedelta(minutes=5))  # it has begun: ending is allowed
    both_joined(api, bob_call, alice_client, bob_expert)
    assert api_as(alice_client).post(f"/api/v1/calls/{bob_call.call_id}/end").status_code == 200

    answer = deliver(api, event("room_finished", bob_call, event_id="RF", at=T0 + 1800))

    assert answer.status_code == 200
    assert fresh(bob_call).events.filter(action="completed").count() == 1


def test_without_livekit_configured_webhooks_are_503(api, settings, bob_call, alice_client):
    settings.LIVEKIT_URL = settings.LIVEKIT_API_KEY = settings.LIVEKIT_API_SECRET = ""

    answer = deliver(api, event("participant_joined", bob_call, user=alice_client, sid="PA_1", event_id="EV_1"))

    assert answer.status_code == 503
    assert not CallAttendance.objects.exists()
