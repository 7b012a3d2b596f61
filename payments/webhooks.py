"""Paystack webhook helpers: pure functions, no Django and no I/O.

Paystack signs the raw request body with the secret key (``x-paystack-signature`` =
hex HMAC-SHA512) and sends no event id, so deliveries are deduplicated on the event
name plus the identifier of the object it is about.
"""

import hashlib
import hmac
import json
import math
import re

SIGNATURE_HEADER = "x-paystack-signature"

# Transfers are retried with the same reference after a failure, so the transfer code
# (one per attempt) identifies them better; refunds carry their own references.
_IDENTIFIER_FIELDS = ("transfer_code", "reference", "refund_reference", "transaction_reference")


def paystack_signature(body: bytes, secret: str) -> str:
    """The signature Paystack puts in ``x-paystack-signature`` for this raw body."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha512).hexdigest()


def paystack_signature_valid(body: bytes, header: str | None, secret: str) -> bool:
    """True only when ``header`` is the signature of ``body`` under ``secret``.

    Compared in constant time; a missing header or an empty secret never passes.
    """
    if not header or not secret:
        return False
    # compare_digest refuses (TypeError) str with non-ASCII characters, which anyone can
    # put in a header: such a header is simply not a hex signature.
    header = header.strip().lower()
    if not header.isascii():
        return False
    return hmac.compare_digest(paystack_signature(body, secret), header)


# Nesting deeper than this is no Paystack event (theirs are a few levels deep); json
# would otherwise recurse until RecursionError on a body like "[[[[…".
_MAX_DEPTH = 32
# PostgreSQL's jsonb (where events are stored) holds neither NUL nor lone surrogates.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _non_finite(constant: str):
    raise ValueError(f"{constant} is not JSON")


def _storable(value, depth: int = 0):
    """The parsed value with every string made storable (NUL and lone surrogates become
    U+FFFD). ``ValueError`` when nested deeper than ``_MAX_DEPTH`` or for a number no
    float holds ("1e400" parses to infinity, which jsonb refuses)."""
    if depth > _MAX_DEPTH:
        raise ValueError("the JSON is nested too deeply")
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a number in the JSON is out of range")
    if isinstance(value, list):
        return [_storable(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {_storable(key, depth + 1): _storable(item, depth + 1) for key, item in value.items()}
    return value


def webhook_payload_parse(body: bytes):
    """The JSON value of a (signed) webhook body, ready to store as ``jsonb``.

    Raises ``ValueError`` for anything that is not strict JSON: not UTF-8, malformed,
    ``NaN``/``Infinity`` or a number out of a float's range (never in Paystack's
    bodies), or nested too deeply. Text PostgreSQL cannot store is replaced rather than
    refused: a real event with odd metadata must still be taken.
    """
    try:
        return _storable(json.loads(body, parse_constant=_non_finite))
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None


def webhook_dedupe_key(payload: dict) -> str:
    """``"<event>:<identifier>"`` for a parsed webhook body ``{event, data}``.

    Raises ``ValueError`` when the payload names no event or no object identifier.
    """
    event = payload.get("event") if isinstance(payload, dict) else None
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(event, str) or not event or not isinstance(data, dict):
        raise ValueError("a Paystack webhook body is {event, data}")
    for field in _IDENTIFIER_FIELDS:
        value = data.get(field)
        if value not in (None, ""):
            return f"{event}:{value}"
    raise ValueError(f"the {event} webhook names no reference")
