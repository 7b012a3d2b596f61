"""Paystack webhook helpers: pure functions, no Django and no I/O.

Paystack signs the raw request body with the secret key (``x-paystack-signature`` =
hex HMAC-SHA512) and sends no event id, so deliveries are deduplicated on the event
name plus the identifier of the object it is about.
"""

import hashlib
import hmac

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
    return hmac.compare_digest(paystack_signature(body, secret), header.strip().lower())


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
