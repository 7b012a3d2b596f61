"""Template helpers of reviews: stars, the rating summary and the booking page's panel."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import timezone

from reviews.forms import ReplyForm
from reviews.models import RATING_MAX, Review
from reviews.selectors import rating_of, reviewer_name, reviews_public

register = template.Library()

PROFILE_REVIEWS = 10


@register.filter
def stars(rating) -> str:
    """``4`` → ``★★★★☆`` (pair it with a text alternative: it is decoration)."""
    filled = int(Decimal(str(rating or 0)).quantize(Decimal(1), ROUND_HALF_UP))
    return "★" * filled + "☆" * (RATING_MAX - filled)


@register.filter
def reviewer(user) -> str:
    return reviewer_name(user)


@register.inclusion_tag("reviews/_rating_summary.html")
def rating_summary(profile):
    """The average and count for a profile header or a directory card (no query: the
    storefront selectors load the summary with the profile)."""
    return {"rating": rating_of(profile)}


@register.inclusion_tag("reviews/_profile_reviews.html")
def profile_reviews(profile, limit: int = PROFILE_REVIEWS):
    """The latest visible reviews on a public profile (one query)."""
    rating = rating_of(profile)
    return {
        "reviews": list(reviews_public(profile=profile)[:limit]),
        "rating": rating,
        "more_reviews": rating is not None and rating.count > limit,
    }


@register.inclusion_tag("reviews/_booking_panel.html", takes_context=True)
def booking_review_panel(context, booking, role: str):
    """On a booking's page: the client's prompt or review, the expert's reply form."""
    review = Review.objects.filter(booking=booking).first() if booking.status == "completed" else None
    return {
        "booking": booking,
        "role": role,
        "review": review,
        "editable": review is not None and timezone.now() <= review.edited_until,
        "reply_form": ReplyForm(),
        "csrf_token": context.get("csrf_token"),
    }
