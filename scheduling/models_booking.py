"""Bookings: a client's request for a call, its answer, reschedules and their history.

Every status change happens in ``scheduling.bookings.services`` (a state machine in
``scheduling.bookings.states``) and writes one ``BookingEvent``; nothing here changes
a status by itself.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    COMPLETED = "completed", _("Completed")


class Booking(models.Model):
    call = models.OneToOneField("calls.Call", on_delete=models.PROTECT, related_name="booking", verbose_name=_("call"))
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.PENDING)
    decline_reason = models.CharField(_("decline reason"), max_length=500, blank=True)
    cancel_reason = models.CharField(_("cancellation reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="booking_status_created_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=BookingStatus.values), name="booking_status_valid")
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk} ({self.status})"


class RescheduleStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RescheduleProposal(models.Model):
    """The expert's proposal of a new start; at most one is open per booking."""

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="reschedules", verbose_name=_("booking")
    )
    proposed_start = models.DateTimeField(_("proposed start"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RescheduleStatus.choices, default=RescheduleStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking"], condition=Q(status=RescheduleStatus.OPEN), name="reschedule_one_open_per_booking"
            ),
            models.CheckConstraint(condition=Q(status__in=RescheduleStatus.values), name="reschedule_status_valid"),
        ]

    def __str__(self) -> str:
        return f"Reschedule {self.pk} of booking {self.booking_id} ({self.status})"


class BookingEvent(models.Model):
    """Append-only history of a booking: who did what, when, from which status to which.

    ``actor`` is empty for the system (expiry jobs, payment webhooks).
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events", verbose_name=_("booking"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["booking", "at"], name="booking_event_booking_at_idx")]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status or '—'} → {self.to_status}"
