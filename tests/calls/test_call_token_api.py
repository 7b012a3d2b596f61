"""POST /api/v1/calls/{id}/token: a LiveKit token for one of the call's two people, for
a confirmed booking, inside the join window; everyone and everything else is refused
in the API's error shape."""

import datetime as dt
import time

import jwt
import pytest
from django.test import Client
from django.utils import timezone
from livekit import api

from calls.livekit import room_name_for_booking
from scheduling.bookings.transitions import booking_cancel
from tests.calls.bookings import call_at, paid
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET

pytestmark = pytest.mark.django_db


def token_url(booking) -> str:
    return f"/api/v1/calls/{booking.call_id}/token"


def claims_of(token: str):
    return api.TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(token)


def test_the_client_gets_a_token_for_the_bookings_room_only(api_as, livekit_settings, bob_call, alice_client):
    answer = api_as(alice_client).post(token_url(bob_call))

    assert answer.status_code == 200
    body = answer.json()
    room = room_name_for_booking(bob_call.pk)
    assert body["room"] == room and body["url"] == livekit_settings.LIVEKIT_URL
    claims = claims_of(body["token"])
    assert (claims.identity, claims.name) == (str(alice_client.pk), "Alice Client")
    grants = claims.video
    assert (grants.room, grants.room_join, grants.can_publish, grants.can_subscribe, grants.can_publish_data) == (
        room,
        True,
        True,
        True,
        True,
    )
    assert not (grants.room_admin or grants.room_create or grants.room_list)


def test_the_expert_gets_their_own_identity_in_the_same_room(api_as, livekit_settings, bob_call, bob_expert):
    body = api_as(bob_expert).post(token_url(bob_call)).json()

    claims = claims_of(body["token"])
    assert (claims.identity, claims.name, claims.video.room) == (
        str(bob_expert.pk),
        "Bob Expert",
        room_name_for_booking(bob_call.pk),
    )


def test_the_token_lives_for_the_configured_minutes(api_as, livekit_settings, bob_call, alice_client):
    livekit_settings.LIVEKIT_TOKEN_TTL_MINUTES = 45
    before = int(time.time())

    token = api_as(alice_client).post(token_url(bob_call)).json()["token"]

    expires = jwt.decode(token, LIVEKIT_API_SECRET, algorithms=["HS256"], issuer=LIVEKIT_API_KEY)["exp"]
    assert before + 45 * 60 <= expires <= int(time.time()) + 45 * 60


def test_the_default_lifetime_is_two_hours(settings):
    assert settings.LIVEKIT_TOKEN_TTL_MINUTES == 120


def test_a_stranger_gets_404_and_no_token(api_as, livekit_settings, bob_call, dave_client, carol_expert):
    for stranger in (dave_client, carol_expert):
        answer = api_as(stranger).post(token_url(bob_call))
        assert answer.status_code == 404
        assert answer.json()["error"]["code"] == "not_found"
        assert "token" not in answer.json()


def test_anonymous_callers_get_401(api, livekit_settings, bob_call):
    assert api.post(token_url(bob_call)).status_code == 401


def test_an_unknown_call_is_404(api_as, livekit_settings, alice_client):
    assert api_as(alice_client).post("/api/v1/calls/999999/token").status_code == 404


def test_a_booking_awaiting_the_experts_answer_is_refused_with_409(api_as, livekit_settings, alice_client, bob_hour):
    booking = call_at(paid(alice_client, bob_hour), timezone.now() + dt.timedelta(minutes=5))

    answer = api_as(alice_client).post(token_url(booking))

    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "booking_not_confirmed"
    assert error["fields"] == {"status": ["pending"]}
    assert "not confirmed yet" in error["message"]


def test_a_cancelled_booking_is_refused_with_409(api_as, livekit_settings, bob_call, alice_client):
    booking_cancel(booking=bob_call, actor=alice_client, now=timezone.now() - dt.timedelta(hours=1))

    answer = api_as(alice_client).post(token_url(bob_call))

    assert answer.status_code == 409
    assert answer.json()["error"]["fields"] == {"status": ["cancelled"]}


def test_before_the_window_the_answer_says_when_it_opens(api_as, livekit_settings, bob_call, alice_client):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(minutes=30)
    call_at(bob_call, start)

    answer = api_as(alice_client).post(token_url(bob_call))

    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "call_not_open"
    opens_at = dt.datetime.fromisoformat(error["fields"]["join_opens_at"][0])
    assert opens_at == start - dt.timedelta(minutes=10)
    assert opens_at.astimezone(dt.UTC).strftime("%H:%M UTC") in error["message"]


def test_ten_minutes_before_the_start_the_window_is_open(api_as, livekit_settings, bob_call, alice_client):
    call_at(bob_call, timezone.now() + dt.timedelta(minutes=9, seconds=50))

    assert api_as(alice_client).post(token_url(bob_call)).status_code == 200


def test_after_the_scheduled_end_the_window_is_closed(api_as, livekit_settings, bob_call, alice_client):
    call_at(bob_call, timezone.now() - dt.timedelta(minutes=61))

    answer = api_as(alice_client).post(token_url(bob_call))

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "call_over"


def test_during_the_call_the_window_is_open(api_as, livekit_settings, bob_call, alice_client):
    call_at(bob_call, timezone.now() - dt.timedelta(minutes=59))

    assert api_as(alice_client).post(token_url(bob_call)).status_code == 200


def test_without_livekit_configured_the_answer_is_a_calm_503(api_as, settings, bob_call, alice_client):
    settings.LIVEKIT_URL = settings.LIVEKIT_API_KEY = settings.LIVEKIT_API_SECRET = ""

    answer = api_as(alice_client).post(token_url(bob_call))

    assert answer.status_code == 503
    error = answer.json()["error"]
    assert error["code"] == "video_service_unavailable"
    assert error["message"] == "The video service is not available right now. Please try again in a few minutes."


def test_a_stranger_gets_404_even_without_livekit(api_as, settings, bob_call, dave_client):
    settings.LIVEKIT_URL = ""

    assert api_as(dave_client).post(token_url(bob_call)).status_code == 404


def test_the_page_session_can_ask_with_its_csrf_token(livekit_settings, bob_call, alice_client):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice_client)
    page = browser.get(f"/calls/{bob_call.call_id}/")
    csrf = page.cookies["csrftoken"].value

    assert browser.post(token_url(bob_call)).status_code == 403
    assert browser.post(token_url(bob_call), HTTP_X_CSRFTOKEN=csrf).status_code == 200
