"""Template helpers of the money pages: status badges."""

from django import template

register = template.Library()

_PAYOUT_BADGES = {
    "pending": "badge--warning",
    "processing": "badge--warning",
    "paid": "badge--success",
    "failed": "badge--danger",
}


@register.filter
def payout_badge(status: str) -> str:
    """The badge modifier class for a payout status."""
    return _PAYOUT_BADGES.get(status, "")
