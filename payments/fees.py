"""Escrow split arithmetic: pure, integer-only (no floats, no Django).

The platform fee is ``percent`` % of the amount rounded half-up to a whole minor unit;
the expert gets the rest, so fee + share always equals the amount exactly.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FeeSplit:
    amount: int
    fee: int
    expert_share: int


def _require_int(name: str, value) -> None:
    # bool is an int subclass; a True amount is a bug, not one kobo.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")


def platform_fee(*, amount: int, percent: int) -> int:
    """``percent`` % of ``amount`` (minor units), rounded half-up to a whole unit."""
    _require_int("amount", amount)
    _require_int("percent", percent)
    if amount < 0:
        raise ValueError("amount must not be negative")
    if not 0 <= percent <= 100:
        raise ValueError("percent must be between 0 and 100")
    # floor(amount * percent / 100 + 1/2) without leaving the integers.
    return (2 * amount * percent + 100) // 200


def fee_split(*, amount: int, percent: int) -> FeeSplit:
    """Split a completed call's amount between the platform and the expert."""
    fee = platform_fee(amount=amount, percent=percent)
    return FeeSplit(amount=amount, fee=fee, expert_share=amount - fee)
