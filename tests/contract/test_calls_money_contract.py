"""The remaining rows of SPEC §8: call tokens and ending, private notes, notifications,
money (payments, balance, payouts, bank account), reviews, webhooks, schema and docs."""

import re

import pytest
from rest_framework.test import APIClient

from tests.calls.bookings import confirmed, live
from tests.contract.conftest import error_of, field_errors
from tests.contract.test_routes import ROUTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_livekit(settings):
    settings.LIVEKIT_URL = settings.LIVEKIT_API_KEY = settings.LIVEKIT_API_SECRET = ""


def test_a_token_without_livekit_configured_is_a_503_in_the_error_shape(
    api_as, alice_client, dave_client, bob_talk, no_livekit
):
    booking = confirmed(alice_client, bob_talk)
    path = f"/api/v1/calls/{booking.call_id}/token"

    answer = api_as(alice_client).post(path)
    error_of(answer, 503, "video_service_unavailable")
    # README: every 503 tells the client when to try again.
    assert int(answer["Retry-After"]) > 0
    error_of(api_as(dave_client).post(path), 404)


def test_ending_a_call_completes_it_for_its_participants_only(
    api_as, alice_client, dave_client, carol_expert, bob_talk
):
    booking = live(confirmed(alice_client, bob_talk))
    path = f"/api/v1/calls/{booking.call_id}/end"

    for stranger in (dave_client, carol_expert):
        error_of(api_as(stranger).post(path), 404)
    answer = api_as(alice_client).post(path)
    assert answer.status_code == 200 and answer.json()["status"] == "completed"


def test_notes_are_the_calls_experts_alone(api_as, alice_client, bob_expert, carol_expert, bob_talk):
    booking = live(confirmed(alice_client, bob_talk))
    notes = f"/api/v1/calls/{booking.call_id}/notes"
    bob = api_as(bob_expert)

    created = bob.post(notes, {"body": "Send the deck."}, format="json")
    assert created.status_code == 201 and created.json()["body"] == "Send the deck."
    note = f"{notes}/{created.json()['id']}"
    assert "body" in field_errors(bob.post(notes, {}, format="json"))
    for outsider in (alice_client, carol_expert):
        error_of(api_as(outsider).get(notes), 404)
        error_of(api_as(outsider).patch(note, {"body": "Mine now"}, format="json"), 404)
    assert bob.patch(note, {"body": "Send the deck today."}, format="json").json()["body"] == "Send the deck today."
    assert [item["body"] for item in bob.get(notes).json()["results"]] == ["Send the deck today."]
    assert bob.delete(note).status_code == 204
    error_of(bob.get(note), 404)


def test_notifications_list_read_and_read_all(api_as, alice_client, dave_client, bob_expert, bob_talk):
    confirmed(alice_client, bob_talk)  # paying and accepting notify both sides
    bob = api_as(bob_expert)

    listed = bob.get("/api/v1/notifications").json()
    assert {"count", "next", "previous", "results", "unread_count"} <= set(listed)
    first = listed["results"][0]
    assert {"id", "kind", "title", "body", "url", "created_at", "read"} <= set(first)
    error_of(api_as(dave_client).post(f"/api/v1/notifications/{first['id']}/read"), 404)
    assert bob.post(f"/api/v1/notifications/{first['id']}/read").json()["read"] is True
    assert bob.post("/api/v1/notifications/read-all").status_code == 200
    assert bob.get("/api/v1/notifications").json()["unread_count"] == 0
    assert "unread" in field_errors(bob.get("/api/v1/notifications", {"unread": "perhaps"}))


def test_the_stream_needs_a_valid_token():
    error_of(APIClient().get("/api/v1/notifications/stream"), 401)
    error_of(APIClient().get("/api/v1/notifications/stream", HTTP_AUTHORIZATION="Bearer not.a.token"), 401)


def test_money_rows(api_as, alice_client, dave_client, bob_expert, bob_talk):
    booking = confirmed(alice_client, bob_talk)
    bob = api_as(bob_expert)

    payments = api_as(alice_client).get("/api/v1/payments").json()
    assert [p["booking"] for p in payments["results"]] == [booking.pk]
    assert {"id", "status", "amount", "currency", "reference"} <= set(payments["results"][0])
    assert api_as(dave_client).get("/api/v1/payments").json()["count"] == 0
    assert set(bob.get("/api/v1/balance").json()) == {"balances", "payout_minimum"}
    assert bob.get("/api/v1/payouts").json()["results"] == []
    error_of(bob.post("/api/v1/payouts", {"amount": 100}, format="json"), 409, "bank_account_required")

    account = bob.put("/api/v1/bank-account", {"bank_code": "058", "account_number": "0123456789"}, format="json")
    assert account.status_code == 200 and account.json()["account_number_masked"].endswith("6789")
    assert "0123456789" not in account.content.decode()
    assert "account_number" in field_errors(
        bob.put("/api/v1/bank-account", {"bank_code": "058", "account_number": "12"}, format="json")
    )
    for amount in (-1, "lots", 10**40, 10**9):
        assert "amount" in field_errors(bob.post("/api/v1/payouts", {"amount": amount}, format="json"))


def test_reviews_rows(api_as, alice_client, bob_expert, bob_talk):
    booking = confirmed(alice_client, bob_talk)
    review = f"/api/v1/bookings/{booking.pk}/review"

    public = APIClient().get(f"/api/v1/experts/{bob_talk.expert_id}/reviews").json()
    assert {"count", "results"} <= set(public) and public["results"] == []
    error_of(APIClient().get("/api/v1/experts/999999/reviews"), 404)
    error_of(api_as(alice_client).post(review, {"rating": 5}, format="json"), 409)
    error_of(api_as(bob_expert).post(review, {"rating": 5}, format="json"), 403)
    assert "rating" in field_errors(api_as(alice_client).post(review, {"rating": 6}, format="json"))


@pytest.mark.parametrize("livekit_set", [False, True])
def test_unsigned_webhooks_are_401_and_change_nothing(settings, livekit_set):
    if livekit_set:
        settings.LIVEKIT_URL, settings.LIVEKIT_API_KEY = "ws://127.0.0.1:9", "key"
        settings.LIVEKIT_API_SECRET = "a-secret-long-enough-for-livekit-0123456789"
    else:
        settings.LIVEKIT_URL = settings.LIVEKIT_API_KEY = settings.LIVEKIT_API_SECRET = ""
    event = {"event": "charge.success", "data": {"reference": "pm-1-x"}}

    error_of(APIClient().post("/api/v1/webhooks/paystack", event, format="json"), 401)
    error_of(
        APIClient().post("/api/v1/webhooks/paystack", event, format="json", HTTP_X_PAYSTACK_SIGNATURE="0" * 128), 401
    )
    error_of(APIClient().post("/api/v1/webhooks/livekit", {"event": "room_finished"}, format="json"), 401)


def test_the_schema_describes_every_contract_route_and_the_docs_are_self_hosted():
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")
    docs = APIClient().get("/api/docs/")

    assert schema.status_code == 200 and schema.json()["openapi"].startswith("3.")
    numbered = {re.sub(r"\{\w+\}", "{}", path) for path in schema.json()["paths"]}
    assert {re.sub(r"\d{6}", "{}", path) for path in ROUTES} <= numbered
    assert docs.status_code == 200 and docs["Content-Type"].startswith("text/html")
    assert not re.search(r'(src|href)="(https?:)?//', docs.content.decode())
