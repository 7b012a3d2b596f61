"""LiveKit webhooks are believed only when livekit-api verifies their signature."""

import base64
import hashlib
from datetime import timedelta

import pytest
from livekit import api

from calls.errors import LiveKitNotConfigured, WebhookPayloadInvalid, WebhookSignatureInvalid
from calls.livekit import LiveKitClient
from procusmeet.api.errors import api_exception_handler
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.fakes.livekit_twirp import signed_webhook, webhook_event

CLIENT = LiveKitClient(url="wss://lk.example.com", api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)


def signed(event):
    return signed_webhook(event, api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)


def test_a_signed_webhook_gives_the_event_with_its_id_room_and_participant():
    body, auth = signed(webhook_event("participant_joined", room="booking-9", identity="42", event_id="EV_1"))

    event = CLIENT.webhook_receive(body, auth)

    assert (event.event, event.id, event.room.name, event.participant.identity) == (
        "participant_joined",
        "EV_1",
        "booking-9",
        "42",
    )


def test_a_bearer_prefix_on_the_authorization_header_is_accepted():
    body, auth = signed(webhook_event("room_finished", room="booking-9"))

    assert CLIENT.webhook_receive(body, f"Bearer {auth}").event == "room_finished"


def test_a_tampered_body_is_rejected():
    body, auth = signed(webhook_event("participant_joined", room="booking-9", identity="42"))

    with pytest.raises(WebhookSignatureInvalid):
        CLIENT.webhook_receive(body.replace("booking-9", "booking-10"), auth)


def test_a_webhook_signed_with_another_secret_is_rejected():
    body, auth = signed_webhook(
        webhook_event("room_finished", room="booking-9"), api_key=LIVEKIT_API_KEY, api_secret="y" * 40
    )

    with pytest.raises(WebhookSignatureInvalid):
        CLIENT.webhook_receive(body, auth)


def test_a_webhook_from_another_api_key_is_rejected():
    body, auth = signed_webhook(
        webhook_event("room_finished", room="booking-9"), api_key="APIother", api_secret=LIVEKIT_API_SECRET
    )

    with pytest.raises(WebhookSignatureInvalid):
        CLIENT.webhook_receive(body, auth)


def test_an_expired_signature_is_rejected():
    body, _ = signed(webhook_event("room_finished", room="booking-9"))
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    expired = (
        api.AccessToken(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).with_sha256(digest).with_ttl(timedelta(minutes=-5)).to_jwt()
    )

    with pytest.raises(WebhookSignatureInvalid):
        CLIENT.webhook_receive(body, expired)


def test_a_token_without_a_body_hash_is_rejected():
    body, _ = signed(webhook_event("room_finished", room="booking-9"))
    no_hash = api.AccessToken(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).to_jwt()

    with pytest.raises(WebhookSignatureInvalid):
        CLIENT.webhook_receive(body, no_hash)


@pytest.mark.parametrize("header", ["", "Bearer ", "not-a-jwt"])
def test_a_missing_or_malformed_authorization_header_is_rejected(header):
    body, _ = signed(webhook_event("room_finished", room="booking-9"))

    with pytest.raises(WebhookSignatureInvalid):
        CLIENT.webhook_receive(body, header)


def test_a_correctly_signed_body_that_is_not_an_event_is_a_bad_payload_not_a_bad_signature():
    body = "this is not json"
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    auth = api.AccessToken(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).with_sha256(digest).to_jwt()

    with pytest.raises(WebhookPayloadInvalid):
        CLIENT.webhook_receive(body, auth)


def test_without_livekit_configured_no_webhook_is_believed():
    body, auth = signed(webhook_event("room_finished", room="booking-9"))

    with pytest.raises(LiveKitNotConfigured):
        LiveKitClient(url="", api_key="", api_secret="").webhook_receive(body, auth)


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (WebhookSignatureInvalid(), 401, "webhook_signature_invalid"),
        (WebhookPayloadInvalid(), 400, "webhook_payload_invalid"),
        (LiveKitNotConfigured(), 503, "video_service_unavailable"),
    ],
)
def test_livekit_errors_answer_the_api_error_shape(error, status, code):
    response = api_exception_handler(error, {})

    assert response.status_code == status
    assert response.data["error"]["code"] == code
    assert response.data["error"]["message"]
