"""Reads of reviews shared by pages and the API."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import ExpertProfile
from reviews.errors import ReviewForbidden, ReviewNotFound
from reviews.models import Review
from scheduling.bookings.selectors import bookings_visible_to


@dataclass(frozen=True)
class RatingSummary:
    average: Decimal
    count: int


def rating_of(profile: ExpertProfile) -> RatingSummary | None:
    """The expert's average and count, or None before their first visible review.

    Reads ``profile.rating_summary`` (the storefront selectors select it with the
    profile, so directory cards and profiles cost no extra query)."""
    try:
        summary = profile.rating_summary
    except ObjectDoesNotExist:
        return None
    if summary is None or not summary.rating_count:
        return None
    return RatingSummary(summary.rating_average, summary.rating_count)


def reviews_public(*, profile: ExpertProfile) -> QuerySet[Review]:
    """An expert's reviews everyone may read: newest first, hidden ones left out."""
    return (
        Review.objects.filter(expert_id=profile.user_id, hidden_by_staff=False)
        .select_related("client")
        .order_by("-created_at", "-pk")
    )


def review_of_booking(*, user, booking_id: int) -> Review:
    """The booking's review for one of its two participants (hidden ones included)."""
    review = Review.objects.select_related("client", "expert").filter(booking_id=booking_id).first()
    if review is None or user.pk not in (review.client_id, review.expert_id):
        raise ReviewNotFound()
    return review


def reviewer_name(user) -> str:
    """How a reviewer is named in public: first name and initial ("Alice C.")."""
    parts = (user.full_name or "").split()
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0]}."


def review_writer_check(*, user, booking_id: int) -> None:
    """Who may write this booking's review, answered before the body is read: a stranger
    gets 404 (the booking's existence stays private), the call's expert 403. The services
    check again under their lock; this only puts the permission answer first."""
    # Visibility as everywhere else: an expert does not see a request before it is paid.
    visible = bookings_visible_to(user).filter(pk=booking_id)
    participants = visible.values_list("call__client_id", "call__expert_id").first()
    if participants is None or user.pk not in participants:
        raise ReviewNotFound(_("No such booking."))
    if user.pk != participants[0]:
        raise ReviewForbidden(_("Only the client of this call can review it."))
