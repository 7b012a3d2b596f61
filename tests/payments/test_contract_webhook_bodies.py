"""POST /api/v1/webhooks/paystack with the bodies and headers nobody sends on purpose:
whatever arrives, the answer is one the schema lists, in the one error shape, never a
500. Unsigned oddities are 401; signed bodies that are no Paystack event are 400 and
store nothing; signed events with text PostgreSQL cannot hold are still taken."""

import pytest
from rest_framework.test import APIClient

from payments.models import WebhookEvent
from payments.webhooks import paystack_signature
from tests.contract.test_schema_matches_answers import conforms
from tests.fakes.paystack import SECRET_KEY

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/paystack"


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def deliver(body: bytes, signature: str):
    return APIClient().post(URL, data=body, content_type="application/json", HTTP_X_PAYSTACK_SIGNATURE=signature)


def signed(body: bytes):
    return deliver(body, paystack_signature(body, SECRET_KEY))


@pytest.mark.parametrize("signature", ["é" * 128, "ß", "０" * 128])
def test_a_signature_header_with_non_ascii_characters_is_a_401(openapi, fake_paystack, signature):
    answer = deliver(b'{"event": "charge.success", "data": {"reference": "pm-1-x"}}', signature)

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "webhook_signature_invalid"
    conforms(openapi, answer, "post", URL)
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'[{"event": "charge.success", "data": {"reference": "pm-1-x"}}]',
        b'"charge.success"',
        b"null",
        b"42",
        b'{"event": "charge.success", "data": {"reference": "pm-1-x", "amount": NaN}}',
        b'{"event": "charge.success", "data": {"reference": "pm-1-x", "amount": Infinity}}',
        b'{"event": "charge.success", "data": {"reference": "pm-1-x", "amount": 1e400}}',
        b"[" * 50_000 + b"]" * 50_000,
        b'{"event": "charge.success", "data": ' + b'{"a": ' * 40 + b"1" + b"}" * 40 + b"}",
    ],
    ids=["list", "list-of-event", "string", "null", "number", "nan", "infinity", "huge-number", "deep", "deep-object"],
)
def test_a_signed_body_that_is_no_paystack_event_is_a_400_and_stores_nothing(openapi, fake_paystack, body):
    answer = signed(body)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "webhook_payload_invalid"
    conforms(openapi, answer, "post", URL)
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        (b'{"event": "charge.success", "data": {"reference": "ext-1", "note": "a\\u0000b"}}', "a\ufffdb"),
        (b'{"event": "charge.success", "data": {"reference": "ext-1", "note": "\\ud800x"}}', "\ufffdx"),
        (b'{"event": "charge.success", "data": {"reference": "ext-1", "a\\u0000": "note"}}', None),
    ],
    ids=["nul", "lone-surrogate", "nul-in-a-key"],
)
def test_a_signed_event_with_text_postgresql_cannot_hold_is_taken_once(openapi, fake_paystack, body, stored):
    answer = signed(body)

    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})  # not one of our payments
    conforms(openapi, answer, "post", URL)
    event = WebhookEvent.objects.get()
    assert event.dedupe_key == "charge.success:ext-1" and event.processed_at is not None
    if stored is not None:
        assert event.payload["data"]["note"] == stored
    else:
        assert event.payload["data"]["a\ufffd"] == "note"
    assert signed(body).json() == {"status": "duplicate"}


def test_a_nul_in_the_reference_matches_no_payment(fake_paystack):
    answer = signed(b'{"event": "charge.success", "data": {"reference": "pm-1\\u0000"}}')

    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})
    assert WebhookEvent.objects.get().dedupe_key == "charge.success:pm-1\ufffd"


def test_answers_to_valid_and_refused_deliveries_are_in_the_schema(openapi, fake_paystack):
    body = b'{"event": "subscription.create", "data": {"reference": "SUB_1"}}'
    for answer in (signed(body), signed(body), deliver(body, "0" * 128), signed(b"not json")):
        conforms(openapi, answer, "post", URL)
