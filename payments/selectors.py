"""Reads of payments shared by pages and the API."""

from django.db.models import QuerySet

from payments.models import Payment


def payments_visible_to(user) -> QuerySet[Payment]:
    """Payments of the user's calls: all of a client's; an expert's once held (the
    same rule as their bookings: an unpaid request never reached the expert)."""
    if not user.is_authenticated:
        return Payment.objects.none()
    if user.is_expert:
        payments = Payment.objects.filter(call__expert=user, held_at__isnull=False)
    else:
        payments = Payment.objects.filter(call__client=user)
    return payments.select_related("call__booking").order_by("-created_at", "-pk")
