"""Closing a LiveKit room is best effort: a LiveKit failure never raises."""

import logging
import socket

import pytest
from asgiref.sync import async_to_sync
from livekit import api

from calls.livekit import LiveKitClient
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.fakes.livekit_twirp import closed_port_url


def test_room_delete_asks_livekit_with_a_room_create_grant(livekit_settings, fake_livekit):
    deleted = LiveKitClient.from_settings().room_delete("booking-5")

    assert deleted is True
    [request] = fake_livekit.requests
    assert (request.method, request.room) == ("DeleteRoom", "booking-5")
    assert request.grants.room_create is True


def test_room_delete_uses_livekit_api_url_when_set(livekit_settings, fake_livekit):
    livekit_settings.LIVEKIT_URL = closed_port_url("ws")
    livekit_settings.LIVEKIT_API_URL = fake_livekit.url

    assert LiveKitClient.from_settings().room_delete("booking-5") is True
    assert [r.room for r in fake_livekit.requests] == ["booking-5"]


def test_a_room_livekit_does_not_know_is_reported_not_raised(livekit_settings, fake_livekit, caplog):
    fake_livekit.refuse_with_not_found()

    with caplog.at_level(logging.WARNING, logger="calls.livekit"):
        deleted = LiveKitClient.from_settings().room_delete("booking-5")

    assert deleted is False
    assert len(fake_livekit.requests) == 1
    assert "not_found" in caplog.text


def test_credentials_livekit_rejects_are_reported_not_raised(livekit_settings, fake_livekit):
    livekit_settings.LIVEKIT_API_SECRET = "z" * 40

    assert LiveKitClient.from_settings().room_delete("booking-5") is False
    assert fake_livekit.requests == []


def test_an_unreachable_livekit_is_reported_not_raised(livekit_settings, caplog):
    livekit_settings.LIVEKIT_URL = closed_port_url("ws")

    with caplog.at_level(logging.WARNING, logger="calls.livekit"):
        deleted = LiveKitClient.from_settings().room_delete("booking-5")

    assert deleted is False
    assert "unreachable" in caplog.text


def test_a_livekit_that_never_answers_times_out(livekit_settings):
    # A listening socket nobody accepts from: the connection opens, no answer ever comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        host, port = silent.getsockname()
        livekit_settings.LIVEKIT_API_URL = f"http://{host}:{port}"
        client = LiveKitClient(**{**LiveKitClient.from_settings().__dict__, "timeout_seconds": 0.3})

        assert client.room_delete("booking-5") is False


def test_without_livekit_configured_nothing_is_sent(settings, fake_livekit):
    settings.LIVEKIT_URL = ""

    assert LiveKitClient.from_settings().room_delete("booking-5") is False
    assert fake_livekit.requests == []


def list_participants(url: str, room: str, *, secret: str = LIVEKIT_API_SECRET):
    async def call():
        async with api.LiveKitAPI(url, LIVEKIT_API_KEY, secret) as lkapi:
            return await lkapi.room.list_participants(api.ListParticipantsRequest(room=room))

    return async_to_sync(call)()


def test_the_fake_lists_participants_with_livekit_api(fake_livekit):
    fake_livekit.participants["booking-5"] = ["42", "43"]

    response = list_participants(fake_livekit.url, "booking-5")

    assert [p.identity for p in response.participants] == ["42", "43"]
    assert fake_livekit.requests[0].grants.room_admin is True


def test_the_fake_refuses_a_token_signed_with_another_secret(fake_livekit):
    with pytest.raises(api.TwirpError) as refused:
        list_participants(fake_livekit.url, "booking-5", secret="w" * 40)

    assert (refused.value.status, refused.value.code) == (401, "unauthenticated")
