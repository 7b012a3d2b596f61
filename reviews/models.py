"""Reviews of completed calls and each expert's rating summary (SPEC §2).

Every row is written by ``reviews.services``. ``ExpertRating`` is derived data: the
services recompute it from the visible reviews inside the same transaction that
changes a review (under a lock on the summary row), so the average and count shown on
profiles, in the directory and in JSON-LD always match the reviews themselves.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

RATING_MIN, RATING_MAX = 1, 5
TEXT_MAX = 2000
REPLY_MAX = 2000


class Review(models.Model):
    """A client's rating of one completed call, with the expert's single reply."""

    booking = models.OneToOneField(
        "scheduling.Booking", on_delete=models.PROTECT, related_name="review", verbose_name=_("booking")
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_written", verbose_name=_("client")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_received", verbose_name=_("expert")
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("review"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(_("written at"))
    updated_at = models.DateTimeField(_("last edited at"))
    edited_until = models.DateTimeField(_("editable until"))
    expert_reply = models.TextField(_("expert's reply"), max_length=REPLY_MAX, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    hidden_by_staff = models.BooleanField(_("hidden by staff"), default=False)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The public list: one expert's visible reviews, newest first.
            models.Index(
                fields=["expert", "-created_at"], condition=Q(hidden_by_staff=False), name="review_expert_visible_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX), name="review_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ for booking {self.booking_id}"


class ExpertRating(models.Model):
    """Average and count of an expert's visible reviews (absent until the first one)."""

    expert = models.OneToOneField(
        "accounts.ExpertProfile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
        verbose_name=_("expert"),
    )
    rating_count = models.PositiveIntegerField(_("number of reviews"), default=0)
    rating_sum = models.PositiveIntegerField(_("sum of ratings"), default=0)
    # Two decimals, rounded half-up; NULL while there is no visible review.
    rating_average = models.DecimalField(_("average rating"), max_digits=3, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("expert rating")
        verbose_name_plural = _("expert ratings")
        indexes = [models.Index(fields=["-rating_average", "-rating_count"], name="expert_rating_sort_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_count=0, rating_average__isnull=True)
                | Q(rating_count__gt=0, rating_average__gte=RATING_MIN, rating_average__lte=RATING_MAX),
                name="expert_rating_average_matches_count",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating_average} ({self.rating_count})"
