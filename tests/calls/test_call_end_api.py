"""POST /api/v1/calls/{id}/end: a participant ends a call that has begun (its start
passed, both of them joined) for both. The call and the booking complete, the escrow
goes to the expert less the platform fee (10 %, rounded half-up to a whole minor unit),
and the LiveKit room is closed after commit, best effort: LiveKit being away never
blocks the end. When ending is refused because the call has not begun, see
test_call_end_rules.py."""

import datetime as dt
import logging

import pytest
from django.utils import timezone

from accounts.storefront.services_areas import area_create
from calls.models import CallStatus
from payments.models import PaymentStatus
from scheduling.models_booking import BookingEvent
from tests.calls.bookings import call_at, confirmed, fresh, live, open_every_day, paid
from tests.fakes.livekit_twirp import closed_port_url

pytestmark = pytest.mark.django_db


def end_url(booking) -> str:
    return f"/api/v1/calls/{booking.call_id}/end"


def end(api_as, user, booking, on_commit):
    with on_commit(execute=True):
        return api_as(user).post(end_url(booking))


def test_the_client_ending_completes_call_and_booking_and_releases_the_escrow(
    api_as, livekit_settings, fake_livekit, bob_live_call, alice_client, django_capture_on_commit_callbacks
):
    answer = end(api_as, alice_client, bob_live_call, django_capture_on_commit_callbacks)

    assert answer.status_code == 200
    assert answer.json()["status"] == "completed"
    booking = fresh(bob_live_call)
    assert (booking.status, booking.call.status) == ("completed", CallStatus.COMPLETED)
    assert booking.call.ended_at is not None
    payment = booking.call.payment
    assert (payment.status, payment.platform_fee, payment.expert_share) == (PaymentStatus.SUCCEEDED, 150_000, 1_350_000)
    event = BookingEvent.objects.get(booking=booking, action="completed")
    assert (event.from_status, event.to_status, event.actor, event.data["by"]) == (
        "confirmed",
        "completed",
        alice_client,
        "client",
    )
    assert [(r.method, r.room) for r in fake_livekit.requests] == [("DeleteRoom", f"booking-{booking.pk}")]


def test_the_expert_can_end_the_call_too(
    api_as, livekit_settings, bob_live_call, bob_expert, django_capture_on_commit_callbacks
):
    assert end(api_as, bob_expert, bob_live_call, django_capture_on_commit_callbacks).status_code == 200
    assert fresh(bob_live_call).call.payment.status == PaymentStatus.SUCCEEDED


@pytest.mark.parametrize(
    ("currency", "price", "fee", "share"),
    [
        ("NGN", 1_500_005, 150_001, 1_350_004),  # 150,000.5 kobo rounds up
        ("GHS", 2_505, 251, 2_254),  # 250.5 pesewas rounds up, not to even
        ("USD", 999, 100, 899),
        ("KES", 12_344, 1_234, 11_110),  # 1,234.4 rounds down
        ("ZAR", 4, 0, 4),  # 0.4 cents: the expert keeps everything
    ],
)
def test_the_fee_and_the_experts_share_add_up_to_the_price_in_every_currency(
    currency, price, fee, share, api_as, settings, carol_expert, dave_client, django_capture_on_commit_callbacks
):
    settings.LIVEKIT_URL = ""
    profile = open_every_day(carol_expert, currency=currency)
    area = area_create(expert=profile, title="Odd price", duration_minutes=30, price=price)
    booking = live(confirmed(dave_client, area))

    assert end(api_as, dave_client, booking, django_capture_on_commit_callbacks).status_code == 200

    payment = fresh(booking).call.payment
    assert (payment.currency, payment.amount, payment.platform_fee, payment.expert_share) == (currency, price, fee, share)


def test_ending_twice_is_refused_and_pays_once(
    api_as, livekit_settings, bob_live_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    end(api_as, alice_client, bob_live_call, django_capture_on_commit_callbacks)
    released_at = fresh(bob_live_call).call.payment.released_at

    again = end(api_as, bob_expert, bob_live_call, django_capture_on_commit_callbacks)

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "illegal_transition"
    assert again.json()["error"]["fields"] == {"status": ["completed"]}
    assert fresh(bob_live_call).call.payment.released_at == released_at
    assert BookingEvent.objects.filter(booking=bob_live_call, action="completed").count() == 1


def test_a_call_cannot_end_before_its_join_window_opens(
    api_as, livekit_settings, fake_livekit, bob_call, alice_client, django_capture_on_commit_callbacks
):
    call_at(bob_call, timezone.now() + dt.timedelta(minutes=11))

    answer = end(api_as, alice_client, bob_call, django_capture_on_commit_callbacks)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "call_not_open"
    booking = fresh(bob_call)
    assert (booking.status, booking.call.status, booking.call.payment.status) == ("confirmed", "scheduled", "held")
    assert fake_livekit.requests == []


def test_a_pending_booking_cannot_be_ended(api_as, livekit_settings, alice_client, bob_hour):
    booking = call_at(paid(alice_client, bob_hour), timezone.now())

    answer = api_as(alice_client).post(end_url(booking))

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "booking_not_confirmed"
    assert fresh(booking).call.payment.status == PaymentStatus.HELD


def test_strangers_get_404_and_anonymous_callers_401(
    api, api_as, livekit_settings, bob_live_call, dave_client, carol_expert
):
    assert api.post(end_url(bob_live_call)).status_code == 401
    for stranger in (dave_client, carol_expert):
        assert api_as(stranger).post(end_url(bob_live_call)).status_code == 404
    assert fresh(bob_live_call).status == "confirmed"


def test_livekit_being_unreachable_does_not_block_the_end(
    api_as, settings, bob_live_call, alice_client, caplog, django_capture_on_commit_callbacks
):
    settings.LIVEKIT_URL = closed_port_url("ws")
    settings.LIVEKIT_API_KEY, settings.LIVEKIT_API_SECRET = "key", "secret-" + "x" * 40

    with caplog.at_level(logging.WARNING, logger="calls.livekit"):
        answer = end(api_as, alice_client, bob_live_call, django_capture_on_commit_callbacks)

    assert answer.status_code == 200
    assert fresh(bob_live_call).status == "completed"
    assert "livekit unreachable deleting room" in caplog.text


def test_livekit_refusing_to_delete_the_room_does_not_block_the_end(
    api_as, livekit_settings, fake_livekit, bob_live_call, bob_expert, django_capture_on_commit_callbacks
):
    fake_livekit.refuse_with_not_found()

    assert end(api_as, bob_expert, bob_live_call, django_capture_on_commit_callbacks).status_code == 200
    assert fresh(bob_live_call).call.payment.status == PaymentStatus.SUCCEEDED
    assert len(fake_livekit.requests) == 1


def test_the_call_api_shows_the_ended_call_to_both_and_nobody_else(
    api_as, settings, bob_live_call, alice_client, bob_expert, dave_client, django_capture_on_commit_callbacks
):
    settings.LIVEKIT_URL = ""
    end(api_as, alice_client, bob_live_call, django_capture_on_commit_callbacks)

    for person in (alice_client, bob_expert):
        body = api_as(person).get(f"/api/v1/calls/{bob_live_call.call_id}").json()
        assert (body["status"], body["booking"], body["absent"]) == ("completed", bob_live_call.pk, [])
        assert [p["role"] for p in body["attendance"]] == ["expert", "client"]
    assert api_as(dave_client).get(f"/api/v1/calls/{bob_live_call.call_id}").status_code == 404
