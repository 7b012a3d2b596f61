"""Forged, replayed and duplicate webhooks from both providers change nothing (SPEC §5, §10).

Paystack signs the raw body (HMAC-SHA512); LiveKit sends a JWT carrying the body's
SHA-256. For each: a forgery (no signature, another key, a tampered body) is refused
before anything is stored; a duplicate, even re-serialised or delivered by several
workers at the same instant, is applied once; a delivery replayed after the world moved
on (the booking refunded, the call over) is acknowledged and changes nothing.
"""

import datetime as dt
import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from calls.models import CallAttendance, CallStatus, LiveKitWebhookEvent
from calls.services import call_end
from payments.models import PaymentStatus, WebhookEvent
from payments.webhooks import paystack_signature
from scheduling.bookings.transitions import booking_cancel
from scheduling.models_booking import BookingEvent
from tests.bookings.helpers import book, fresh
from tests.calls.bookings import call_at, confirmed, in_the_room
from tests.calls.conftest import LIVEKIT_API_KEY, LIVEKIT_API_SECRET
from tests.fakes.livekit_twirp import signed_webhook, webhook_event

pytestmark = pytest.mark.django_db(transaction=True)
PAYSTACK = "/api/v1/webhooks/paystack"
LIVEKIT = "/api/v1/webhooks/livekit"
AT_ONCE = 4


def at_the_same_time(send) -> list[int]:
    """``send()`` from several threads released together; their status codes."""
    barrier, codes = threading.Barrier(AT_ONCE), []

    def worker():
        try:
            barrier.wait()
            codes.append(send())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return codes


# --- Paystack ---------------------------------------------------------------------------


@pytest.fixture
def booking(alice_client, bob_hour, start_in, fake_paystack):
    return book(alice_client, bob_hour, start_in(days=3))


def paystack(body: bytes, signature: str | None) -> int:
    headers = {"HTTP_X_PAYSTACK_SIGNATURE": signature} if signature is not None else {}
    return Client().post(PAYSTACK, data=body, content_type="application/json", **headers).status_code


def held_events(booking) -> int:
    return BookingEvent.objects.filter(booking=booking, action="payment_held").count()


@pytest.mark.parametrize("forgery", ["unsigned", "another key", "tampered amount"])
def test_a_forged_paystack_delivery_is_refused_and_stores_nothing(booking, fake_paystack, forgery):
    body, signature = fake_paystack.charge_success_webhook(booking.call.payment.reference)
    if forgery == "unsigned":
        signature = None
    elif forgery == "another key":
        signature = paystack_signature(body, "sk_test_someone_else")
    else:
        payload = json.loads(body)
        payload["data"]["amount"] = 1
        body = json.dumps(payload).encode()

    assert paystack(body, signature) == 401
    assert WebhookEvent.objects.count() == 0
    assert fresh(booking).call.payment.status == PaymentStatus.PENDING


def test_a_re_serialised_duplicate_is_applied_once(booking, fake_paystack):
    body, signature = fake_paystack.charge_success_webhook(booking.call.payment.reference)
    assert paystack(body, signature) == 200
    reordered = json.dumps(json.loads(body), indent=2, sort_keys=True).encode()

    assert paystack(reordered, paystack_signature(reordered, fake_paystack.secret_key)) == 200

    assert WebhookEvent.objects.count() == 1 and held_events(booking) == 1


def test_duplicates_delivered_at_the_same_instant_are_applied_once(booking, fake_paystack):
    body, signature = fake_paystack.charge_success_webhook(booking.call.payment.reference)

    codes = at_the_same_time(lambda: paystack(body, signature))

    assert sorted(codes) == [200] * AT_ONCE
    assert WebhookEvent.objects.count() == 1 and held_events(booking) == 1
    assert fresh(booking).call.payment.status == PaymentStatus.HELD


def test_a_payment_replayed_after_its_refund_stays_refunded(booking, fake_paystack, alice_client):
    body, signature = fake_paystack.charge_success_webhook(booking.call.payment.reference)
    assert paystack(body, signature) == 200
    booking_cancel(booking=fresh(booking), actor=alice_client)
    refunded = fresh(booking).call.payment
    assert refunded.status == PaymentStatus.REFUNDED

    assert paystack(body, signature) == 200

    assert fresh(booking).call.payment.status == PaymentStatus.REFUNDED
    assert held_events(booking) == 1 and fresh(booking).status == "cancelled"


# --- LiveKit ----------------------------------------------------------------------------


@pytest.fixture
def live(livekit_settings, alice_client, bob_hour):
    return confirmed(alice_client, bob_hour)


def joined(booking, user, *, event_id: str = "EV_join_1"):
    return webhook_event("participant_joined", room=f"booking-{booking.pk}", identity=str(user.pk), event_id=event_id)


def livekit(body: str, authorization: str) -> int:
    return (
        Client()
        .post(LIVEKIT, data=body, content_type="application/webhook+json", HTTP_AUTHORIZATION=authorization)
        .status_code
    )


@pytest.mark.parametrize("forgery", ["unsigned", "another key", "tampered identity"])
def test_a_forged_livekit_delivery_is_refused_and_stores_nothing(live, alice_client, dave_client, forgery):
    body, token = signed_webhook(joined(live, alice_client), api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)
    if forgery == "unsigned":
        token = ""
    elif forgery == "another key":
        _, token = signed_webhook(joined(live, alice_client), api_key=LIVEKIT_API_KEY, api_secret="x" * 48)
    else:
        body = body.replace(f'"{alice_client.pk}"', f'"{dave_client.pk}"')

    assert livekit(body, token) == 401
    assert LiveKitWebhookEvent.objects.count() == 0 and CallAttendance.objects.count() == 0


def test_livekit_duplicates_delivered_at_the_same_instant_are_applied_once(live, alice_client):
    body, token = signed_webhook(joined(live, alice_client), api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)

    codes = at_the_same_time(lambda: livekit(body, token))

    assert sorted(codes) == [200] * AT_ONCE
    assert LiveKitWebhookEvent.objects.count() == 1
    assert CallAttendance.objects.filter(call=live.call, user=alice_client).count() == 1


def test_a_join_replayed_after_the_call_ended_changes_nothing(live, alice_client):
    body, token = signed_webhook(joined(live, alice_client), api_key=LIVEKIT_API_KEY, api_secret=LIVEKIT_API_SECRET)
    assert livekit(body, token) == 200
    in_the_room(call_at(live, timezone.now() - dt.timedelta(minutes=5)))  # begun, both in: it may end
    call_end(call=fresh(live).call, actor=alice_client)
    stays = list(CallAttendance.objects.values_list("pk", "joined_at", "left_at"))

    assert livekit(body, token) == 200

    assert list(CallAttendance.objects.values_list("pk", "joined_at", "left_at")) == stays
    assert fresh(live).call.status == CallStatus.COMPLETED
