"""Paystack's webhook signature (hex HMAC-SHA512 of the raw body) and dedupe keys."""

import hashlib
import hmac
import json

import pytest

from payments.webhooks import paystack_signature, paystack_signature_valid, webhook_dedupe_key
from tests.fakes.paystack import signed_webhook

SECRET = "sk_test_0123456789abcdef"
BODY = json.dumps({"event": "charge.success", "data": {"reference": "PM-1", "amount": 500000}}).encode()


def test_signature_is_hex_hmac_sha512_of_the_raw_body():
    expected = hmac.new(SECRET.encode(), BODY, hashlib.sha512).hexdigest()

    assert paystack_signature(BODY, SECRET) == expected
    assert len(expected) == 128


def test_a_delivery_signed_like_paystack_is_valid():
    body, header = signed_webhook("charge.success", {"reference": "PM-1"}, SECRET)

    assert paystack_signature_valid(body, header, SECRET)


def test_an_uppercase_hex_header_is_still_valid():
    assert paystack_signature_valid(BODY, paystack_signature(BODY, SECRET).upper(), SECRET)


def test_a_tampered_body_is_invalid():
    header = paystack_signature(BODY, SECRET)
    tampered = BODY.replace(b"500000", b"900000")

    assert not paystack_signature_valid(tampered, header, SECRET)


def test_a_body_signed_with_another_secret_is_invalid():
    assert not paystack_signature_valid(BODY, paystack_signature(BODY, "sk_test_attacker"), SECRET)


@pytest.mark.parametrize("header", [None, "", "   "])
def test_a_missing_header_is_invalid(header):
    assert not paystack_signature_valid(BODY, header, SECRET)


def test_an_empty_secret_never_validates_anything():
    assert not paystack_signature_valid(BODY, paystack_signature(BODY, ""), "")


def test_a_charge_is_deduplicated_on_event_and_reference():
    first = webhook_dedupe_key({"event": "charge.success", "data": {"reference": "PM-1", "id": 1}})
    again = webhook_dedupe_key({"event": "charge.success", "data": {"reference": "PM-1", "id": 1}})

    assert first == again == "charge.success:PM-1"
    assert webhook_dedupe_key({"event": "charge.success", "data": {"reference": "PM-2"}}) != first


def test_a_transfer_is_deduplicated_on_its_transfer_code_so_retries_count_again():
    failed = {"event": "transfer.failed", "data": {"reference": "pm-payout-1", "transfer_code": "TRF_a"}}
    retried = {"event": "transfer.failed", "data": {"reference": "pm-payout-1", "transfer_code": "TRF_b"}}

    assert webhook_dedupe_key(failed) == "transfer.failed:TRF_a"
    assert webhook_dedupe_key(retried) != webhook_dedupe_key(failed)


def test_a_refund_event_uses_its_refund_then_transaction_reference():
    with_refund = {"event": "refund.processed", "data": {"transaction_reference": "PM-1", "refund_reference": "RF_1"}}
    without = {"event": "refund.processed", "data": {"transaction_reference": "PM-1", "refund_reference": None}}

    assert webhook_dedupe_key(with_refund) == "refund.processed:RF_1"
    assert webhook_dedupe_key(without) == "refund.processed:PM-1"


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"event": "charge.success"},
        {"event": "", "data": {"reference": "x"}},
        {"event": "charge.success", "data": {}},
        {"event": "charge.success", "data": "PM-1"},
        ["charge.success"],
    ],
)
def test_a_payload_without_event_or_identifier_has_no_key(payload):
    with pytest.raises(ValueError):
        webhook_dedupe_key(payload)
