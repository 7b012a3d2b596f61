"""Every write to reviews (SPEC §2): write, edit for 7 days, reply once, hide/unhide.

Only the client of a completed call reviews it, once (the expert is notified); only
that call's expert replies, once (the client is notified). Whoever else asks learns
nothing (404). Each change that can move the expert's average recomputes
``ExpertRating`` from the visible reviews in the same transaction, under a lock on the
summary row, so concurrent reviews never leave it stale.
"""

import datetime as dt
import logging
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ExpertProfile
from notifications.models import NotificationKind
from notifications.services import notification_create
from reviews.errors import (
    ReviewEditClosed,
    ReviewExists,
    ReviewForbidden,
    ReviewInvalid,
    ReviewNotAllowed,
    ReviewNotFound,
    ReviewReplyExists,
)
from reviews.models import RATING_MAX, RATING_MIN, REPLY_MAX, TEXT_MAX, ExpertRating, Review
from scheduling.bookings.selectors import bookings_visible_to
from scheduling.models_booking import Booking, BookingStatus

logger = logging.getLogger(__name__)

EDIT_WINDOW = dt.timedelta(days=7)
_CENT = Decimal("0.01")


def _checked(*, rating: int | None = None, text: str | None = None) -> None:
    errors = {}
    if rating is not None and (isinstance(rating, bool) or not RATING_MIN <= rating <= RATING_MAX):
        errors["rating"] = [_("Choose a rating from 1 to 5.")]
    if text is not None and len(text) > TEXT_MAX:
        errors["text"] = [_("At most %(n)d characters.") % {"n": TEXT_MAX}]
    if errors:
        raise ReviewInvalid(_("The review has invalid fields."), fields=errors)


def _booking_locked(booking_id: int, user) -> Booking:
    """The booking (row locked) if ``user`` may see it (took part in its call, and for
    the expert, it was paid); 404 otherwise."""
    visible = bookings_visible_to(user).select_for_update(of=("self",)).select_related("call")
    booking = visible.filter(pk=booking_id).first()
    if booking is None or user.pk not in (booking.call.client_id, booking.call.expert_id):
        raise ReviewNotFound(_("No such booking."))
    return booking


def _review_locked(booking_id: int, user) -> Review:
    review = Review.objects.select_for_update().filter(booking_id=booking_id).first()
    if review is None or user.pk not in (review.client_id, review.expert_id):
        raise ReviewNotFound()
    return review


@transaction.atomic
def review_create(*, booking_id: int, client, rating: int, text: str = "", now: dt.datetime | None = None) -> Review:
    """The client of a completed call rates it (1–5) with optional text, once.

    Errors: ``ReviewNotFound`` (404), ``ReviewForbidden`` (403, the call's expert),
    ``ReviewNotAllowed`` (409, the call was not completed), ``ReviewExists`` (409),
    ``ReviewInvalid`` (400).
    """
    booking = _booking_locked(booking_id, client)  # the lock makes "once" hold under concurrency
    if booking.call.client_id != client.pk:
        raise ReviewForbidden(_("Only the client of this call can review it."))
    if booking.status != BookingStatus.COMPLETED:
        raise ReviewNotAllowed(_("A call can be reviewed once it has taken place."))
    text = text.strip()
    _checked(rating=rating, text=text)
    if Review.objects.filter(booking=booking).exists():
        raise ReviewExists(_("You already reviewed this call; you can edit your review instead."))
    now = now or timezone.now()
    review = Review.objects.create(
        booking=booking,
        client_id=client.pk,
        expert_id=booking.call.expert_id,
        rating=rating,
        text=text,
        created_at=now,
        updated_at=now,
        edited_until=now + EDIT_WINDOW,
    )
    expert_rating_refresh(expert_id=review.expert_id)
    _notify_expert(review, client)
    logger.info("review created booking=%s rating=%s", booking.pk, rating)
    return review


@transaction.atomic
def review_update(
    *, booking_id: int, client, rating: int | None = None, text: str | None = None, now: dt.datetime | None = None
) -> Review:
    """The client changes their rating or text, within 7 days of writing it; a request
    that changes neither leaves the review as it was (not marked edited)."""
    review = _review_locked(booking_id, client)
    if review.client_id != client.pk:
        raise ReviewForbidden(_("Only the client who wrote this review can change it."))
    now = now or timezone.now()
    if now > review.edited_until:
        raise ReviewEditClosed(_("A review can be changed for 7 days after it was written."))
    text = None if text is None else text.strip()
    _checked(rating=rating, text=text)
    if rating in (None, review.rating) and text in (None, review.text):
        return review  # nothing changes: the review must not be shown as edited
    previous = review.rating
    review.rating = review.rating if rating is None else rating
    review.text = review.text if text is None else text
    review.updated_at = now
    review.save(update_fields=["rating", "text", "updated_at"])
    if review.rating != previous:
        expert_rating_refresh(expert_id=review.expert_id)
    return review


@transaction.atomic
def review_reply(*, booking_id: int, expert, text: str, now: dt.datetime | None = None) -> Review:
    """The call's expert answers the review publicly, once."""
    review = _review_locked(booking_id, expert)
    if review.expert_id != expert.pk:
        raise ReviewForbidden(_("Only the expert of this call can reply."))
    if review.replied_at is not None:
        raise ReviewReplyExists(_("You already replied to this review."))
    text = text.strip()
    if not text or len(text) > REPLY_MAX:
        message = _("Write a reply of at most %(n)d characters.") % {"n": REPLY_MAX}
        raise ReviewInvalid(message, fields={"text": [message]})
    review.expert_reply = text
    review.replied_at = now or timezone.now()
    review.save(update_fields=["expert_reply", "replied_at"])
    _notify_client(review, expert)
    return review


def _visibility_set(*, review_id: int, hidden: bool, staff) -> Review:
    review = Review.objects.select_for_update().filter(pk=review_id).first()
    if review is None:
        raise ReviewNotFound()
    if review.hidden_by_staff != hidden:
        review.hidden_by_staff = hidden
        review.hidden_at = timezone.now() if hidden else None
        review.save(update_fields=["hidden_by_staff", "hidden_at"])
        expert_rating_refresh(expert_id=review.expert_id)
        logger.info("review %s review=%s by=%s", "hidden" if hidden else "shown", review.pk, staff.pk)
    return review


@transaction.atomic
def review_hide(*, review_id: int, staff) -> Review:
    """Staff take an abusive review off the public pages and out of the average."""
    return _visibility_set(review_id=review_id, hidden=True, staff=staff)


@transaction.atomic
def review_unhide(*, review_id: int, staff) -> Review:
    return _visibility_set(review_id=review_id, hidden=False, staff=staff)


def expert_rating_refresh(*, expert_id: int) -> ExpertRating:
    """Recompute the expert's average and count from their visible reviews (call inside
    the transaction that changed a review; the summary row's lock orders concurrent ones)."""
    profile_id = ExpertProfile.objects.values_list("pk", flat=True).get(user_id=expert_id)
    ExpertRating.objects.bulk_create([ExpertRating(expert_id=profile_id)], ignore_conflicts=True)
    summary = ExpertRating.objects.select_for_update().get(pk=profile_id)
    totals = Review.objects.filter(expert_id=expert_id, hidden_by_staff=False).aggregate(
        count=Count("pk"), total=Sum("rating")
    )
    summary.rating_count, summary.rating_sum = totals["count"], totals["total"] or 0
    summary.rating_average = (
        (Decimal(summary.rating_sum) / summary.rating_count).quantize(_CENT, ROUND_HALF_UP)
        if summary.rating_count
        else None
    )
    summary.save()
    return summary


def _notify_expert(review: Review, client) -> None:
    body = _("%(client)s reviewed your call.") % {"client": client.get_short_name()}
    if review.text:
        body += f" “{review.text[:200]}”"
    notification_create(
        user=review.expert,
        kind=NotificationKind.REVIEW_RECEIVED,
        title=_("New review: %(stars)s★") % {"stars": review.rating},
        body=body,
        url=reverse("scheduling:booking-detail", args=[review.booking_id]),
        data={"booking_id": review.booking_id, "review_id": review.pk},
    )


def _notify_client(review: Review, expert) -> None:
    """The reply is public on the expert's profile; the client hears of it first."""
    profile = getattr(expert, "expert_profile", None)
    name = (profile.display_name if profile else "") or expert.get_short_name()
    notification_create(
        user=review.client,
        kind=NotificationKind.REVIEW_REPLIED,
        title=_("%(expert)s replied to your review") % {"expert": name},
        body=f"“{review.expert_reply[:200]}”",
        url=reverse("scheduling:booking-detail", args=[review.booking_id]),
        data={"booking_id": review.booking_id, "review_id": review.pk},
    )
