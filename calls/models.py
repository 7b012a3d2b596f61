"""Calls: the one-to-one video consultation a booking reserves (SPEC §3, §4).

Double booking is refused by PostgreSQL itself: two exclusion constraints (btree_gist)
forbid overlapping ``[scheduled_start, scheduled_end)`` ranges among the *active* calls
of one expert, and among those of one client. ``scheduled_end`` and ``active`` are
denormalised for those constraints and kept in sync by the booking services
(``scheduling.bookings``): ``active`` is true while the call holds its time, i.e. its
booking is pending, confirmed or completed; a declined, cancelled or expired booking
releases it. The constraints are added on PostgreSQL only (migration 0001), so the
embedded SQLite default still migrates; there the service's own check is the guard.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _


class TsTzRange(Func):
    """``tstzrange(start, end)``: half-open ``[start, end)``, so back-to-back calls fit."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class CallStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")


EXPERT_OVERLAP_CONSTRAINT = "call_expert_no_overlap"
CLIENT_OVERLAP_CONSTRAINT = "call_client_no_overlap"


def _no_overlap(field: str, name: str) -> ExclusionConstraint:
    return ExclusionConstraint(
        name=name,
        expressions=[
            (field, RangeOperators.EQUAL),
            (TsTzRange("scheduled_start", "scheduled_end"), RangeOperators.OVERLAPS),
        ],
        condition=Q(active=True),
    )


class Call(models.Model):
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls_as_expert", verbose_name=_("expert")
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls_as_client", verbose_name=_("client")
    )
    # PROTECT: an area with calls is deactivated, never deleted (accounts' area_delete).
    area = models.ForeignKey(
        "accounts.ExpertArea", on_delete=models.PROTECT, related_name="calls", verbose_name=_("service")
    )
    scheduled_start = models.DateTimeField(_("scheduled start"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    scheduled_end = models.DateTimeField(_("scheduled end"), editable=False)
    active = models.BooleanField(_("holds its time"), default=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=CallStatus.choices, default=CallStatus.SCHEDULED)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["scheduled_start", "pk"]
        indexes = [
            models.Index(fields=["expert", "scheduled_start"], name="call_expert_start_idx"),
            models.Index(fields=["client", "scheduled_start"], name="call_client_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(scheduled_end__gt=F("scheduled_start")), name="call_ends_after_start"),
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="call_duration_positive"),
            models.CheckConstraint(condition=Q(status__in=CallStatus.values), name="call_status_valid"),
            _no_overlap("expert", EXPERT_OVERLAP_CONSTRAINT),
            _no_overlap("client", CLIENT_OVERLAP_CONSTRAINT),
        ]

    def __str__(self) -> str:
        return f"Call {self.pk} at {self.scheduled_start:%Y-%m-%d %H:%M} UTC ({self.status})"

    def is_participant(self, user) -> bool:
        return user.is_authenticated and user.pk in (self.expert_id, self.client_id)


# Attendance, no-shows, webhook deliveries and notes live in their own modules (the calls
# work); imported here so Django registers them with this app.
from calls.models_attendance import CallAttendance, CallNoShow, LiveKitWebhookEvent  # noqa: E402,F401
from calls.models_notes import CallNote  # noqa: E402,F401
