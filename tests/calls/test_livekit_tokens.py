"""Call tokens: a LiveKit JWT for one person in one room, for a limited time."""

import time

import jwt
import pytest
from livekit import api

from calls.errors import LiveKitNotConfigured
from calls.livekit import LiveKitClient, room_name_for_booking
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET


def configured_client() -> LiveKitClient:
    return LiveKitClient(url="wss://lk.example.com", api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)


def verify(token: str):
    return api.TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(token)


def test_token_names_the_person_and_grants_join_publish_subscribe_and_data_in_that_room():
    token = configured_client().token_create(room="booking-17", identity="42", name="Ada Obi", ttl_minutes=120)

    claims = verify(token)

    assert claims.identity == "42"
    assert claims.name == "Ada Obi"
    assert claims.video.room == "booking-17"
    assert claims.video.room_join is True
    assert claims.video.can_publish is True
    assert claims.video.can_subscribe is True
    assert claims.video.can_publish_data is True


def test_token_grants_no_room_administration():
    claims = verify(configured_client().token_create(room="booking-17", identity="42", name="Ada", ttl_minutes=120))

    assert not claims.video.room_create
    assert not claims.video.room_admin
    assert not claims.video.room_list
    assert not claims.video.hidden


def test_token_expires_after_the_given_minutes_not_livekits_six_hour_default():
    before = int(time.time())
    token = configured_client().token_create(room="booking-1", identity="7", name="Ada", ttl_minutes=90)
    after = int(time.time())

    claims = jwt.decode(token, LIVEKIT_API_SECRET, algorithms=["HS256"], issuer=LIVEKIT_API_KEY)

    assert before + 90 * 60 <= claims["exp"] <= after + 90 * 60


def test_token_signed_with_another_secret_does_not_verify():
    token = LiveKitClient(url="wss://lk.example.com", api_key=LIVEKIT_API_KEY, api_secret="x" * 40).token_create(
        room="booking-1", identity="7", name="Ada", ttl_minutes=5
    )

    with pytest.raises(Exception, match="Signature verification failed"):
        verify(token)


def test_token_identity_is_a_string_even_for_a_numeric_user_id():
    claims = verify(configured_client().token_create(room="booking-1", identity=42, name="Ada", ttl_minutes=5))

    assert claims.identity == "42"


def test_a_non_positive_lifetime_is_refused():
    with pytest.raises(ValueError):
        configured_client().token_create(room="booking-1", identity="7", name="Ada", ttl_minutes=0)


@pytest.mark.parametrize("missing", ["url", "api_key", "api_secret"])
def test_without_url_key_or_secret_the_client_is_not_configured_and_mints_nothing(missing):
    values = {"url": "wss://lk.example.com", "api_key": LIVEKIT_API_KEY, "api_secret": LIVEKIT_API_SECRET}
    client = LiveKitClient(**{**values, missing: ""})

    assert client.configured is False
    with pytest.raises(LiveKitNotConfigured):
        client.token_create(room="booking-1", identity="7", name="Ada", ttl_minutes=5)


def test_from_settings_reads_the_livekit_settings(settings):
    settings.LIVEKIT_URL = "wss://lk.example.com"
    settings.LIVEKIT_API_KEY = LIVEKIT_API_KEY
    settings.LIVEKIT_API_SECRET = LIVEKIT_API_SECRET
    settings.LIVEKIT_API_URL = "http://livekit.internal:7880"
    settings.LIVEKIT_TIMEOUT_SECONDS = 3

    client = LiveKitClient.from_settings()

    assert client.configured is True
    assert client.server_url == "http://livekit.internal:7880"
    assert client.timeout_seconds == 3


def test_the_embedded_default_has_livekit_unset(settings):
    settings.LIVEKIT_URL = ""

    assert LiveKitClient.from_settings().configured is False


def test_each_booking_has_its_own_room():
    assert room_name_for_booking(17) == "booking-17"
    assert room_name_for_booking(17) != room_name_for_booking(18)
