"""POST /api/v1/webhooks/livekit with correctly signed events whose text PostgreSQL
cannot store (a NUL in the id, event, room, identity or connection id): each is taken
once like any other event, never a 500. A NUL in the event, room or identity matches
nothing of ours; one in the event id or the connection id of a real participant still
leaves the stay recorded."""

import pytest
from rest_framework.test import APIClient

from calls.models import CallAttendance, LiveKitWebhookEvent
from tests.calls.bookings import bob_call, bob_hour, fresh  # noqa: F401
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.contract.test_schema_matches_answers import conforms
from tests.fakes.livekit_twirp import signed_webhook, webhook_event

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/livekit"


def deliver(api, event):
    body, auth = signed_webhook(event, api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)
    return api.post(URL, data=body, content_type="application/webhook+json", HTTP_AUTHORIZATION=auth)


@pytest.mark.parametrize("where", ["event", "room", "identity"])
def test_a_nul_in_the_event_is_stored_replaced_and_ignored(api, livekit_settings, bob_call, alice_client, where):
    parts = {"event": "participant_joined", "room": f"booking-{bob_call.pk}", "identity": str(alice_client.pk)}
    parts[where] += "\x00"
    event = webhook_event(parts["event"], room=parts["room"], identity=parts["identity"], event_id="EV_1")

    answer = deliver(api, event)

    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})
    row = LiveKitWebhookEvent.objects.get()
    assert getattr(row, {"identity": "participant_identity"}.get(where, where)).endswith("\ufffd")
    assert not CallAttendance.objects.exists()
    assert fresh(bob_call).call.status == "scheduled"
    assert deliver(api, event).json() == {"status": "duplicate"}


def test_a_nul_in_a_participants_connection_id_still_records_the_stay(api, livekit_settings, bob_call, alice_client):
    room, identity = f"booking-{bob_call.pk}", str(alice_client.pk)
    event = webhook_event("participant_joined", room=room, identity=identity, event_id="EV_1")
    event.participant.sid = "PA_\x001"

    answer = deliver(api, event)

    assert (answer.status_code, answer.json()) == (200, {"status": "processed"})
    stay = CallAttendance.objects.get()
    assert (stay.user, stay.participant_sid) == (alice_client, "PA_\ufffd1")
    assert fresh(bob_call).call.status == "in_progress"


def test_a_nul_in_the_event_id_is_one_event_like_any_other(api, livekit_settings, bob_call, alice_client):
    room, identity = f"booking-{bob_call.pk}", str(alice_client.pk)
    event = webhook_event("participant_joined", room=room, identity=identity, event_id="EV_\x001")

    assert deliver(api, event).json() == {"status": "processed"}
    assert deliver(api, event).json() == {"status": "duplicate"}
    assert LiveKitWebhookEvent.objects.get().event_id == "EV_\ufffd1"
    assert CallAttendance.objects.get().user == alice_client


def test_room_finished_before_anyone_joined_changes_nothing_and_a_later_join_still_counts(
    api, livekit_settings, bob_call, alice_client
):
    finished = deliver(api, webhook_event("room_finished", room=f"booking-{bob_call.pk}", event_id="RF_1"))

    assert (finished.status_code, finished.json()) == (200, {"status": "processed"})
    booking = fresh(bob_call)
    assert (booking.status, booking.call.status, booking.call.payment.status) == ("confirmed", "scheduled", "held")
    assert not CallAttendance.objects.exists()

    room, identity = f"booking-{bob_call.pk}", str(alice_client.pk)
    joined = webhook_event("participant_joined", room=room, identity=identity, event_id="J_1")
    assert deliver(api, joined).json() == {"status": "processed"}
    assert fresh(bob_call).call.status == "in_progress"


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def test_each_answer_is_one_the_schema_describes(openapi, api, livekit_settings, bob_call, alice_client):
    """The 200 body ({"status"}) is in the schema as the Paystack webhook's is, so a
    generated client can read it; so are the 401 of a forged delivery and the 400."""
    event = webhook_event("participant_joined", room=f"booking-{bob_call.pk}", identity=str(alice_client.pk))
    answers = [deliver(api, event), deliver(api, event)]
    answers.append(api.post(URL, data="{}", content_type="application/webhook+json", HTTP_AUTHORIZATION="forged"))

    assert [answer.status_code for answer in answers] == [200, 200, 401]
    assert [answers[0].json(), answers[1].json()] == [{"status": "processed"}, {"status": "duplicate"}]
    schema = openapi["paths"][URL]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/LiveKitWebhookOutcome"}
    for answer in answers:
        conforms(openapi, answer, "post", URL)
