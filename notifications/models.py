"""In-app notifications, email preferences and call reminders (SPEC §6).

Every row is written by ``notifications.services`` or ``notifications.reminders``;
nothing here changes itself. Streams read new notifications by primary key (``id >
last seen``), so ids must become visible in increasing order: ``notification_create``
takes care of that on PostgreSQL.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    BOOKING_REQUESTED = "booking_requested", _("New booking request")
    BOOKING_ACCEPTED = "booking_accepted", _("Booking accepted")
    BOOKING_CONFIRMED = "booking_confirmed", _("Booking confirmed (your own answer)")
    BOOKING_DECLINED = "booking_declined", _("Booking declined")
    BOOKING_CANCELLED = "booking_cancelled", _("Booking cancelled")
    BOOKING_EXPIRED = "booking_expired", _("Booking expired")
    RESCHEDULE_PROPOSED = "reschedule_proposed", _("New time proposed")
    RESCHEDULE_WITHDRAWN = "reschedule_withdrawn", _("Proposed time withdrawn")
    RESCHEDULE_ACCEPTED = "reschedule_accepted", _("New time accepted")
    RESCHEDULE_DECLINED = "reschedule_declined", _("New time declined")
    CALL_REMINDER_DAY = "call_reminder_day", _("Reminder a day before a call")
    CALL_REMINDER_SOON = "call_reminder_soon", _("Reminder 10 minutes before a call")
    CALL_COMPLETED = "call_completed", _("Call completed")
    CALL_NO_SHOW = "call_no_show", _("Missed call (someone did not join)")
    PAYMENT_HELD = "payment_held", _("Payment received")
    PAYMENT_REFUNDED = "payment_refunded", _("Payment refunded")
    PAYOUT_PAID = "payout_paid", _("Payout paid")
    PAYOUT_FAILED = "payout_failed", _("Payout failed")
    REVIEW_RECEIVED = "review_received", _("New review")
    REVIEW_REPLIED = "review_replied", _("Reply to your review")
    ACCOUNT_SECURITY = "account_security", _("Account security")


# Email that people cannot turn off: security alerts and money receipts.
MANDATORY_EMAIL_KINDS = frozenset(
    {
        NotificationKind.ACCOUNT_SECURITY,
        NotificationKind.PAYMENT_REFUNDED,
        NotificationKind.PAYOUT_PAID,
        NotificationKind.PAYOUT_FAILED,
    }
)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True, max_length=2000)
    # A path on this site (``/bookings/12/``), never an outside address.
    url = models.CharField(_("link"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-id"]
        indexes = [
            # Streams and the list: one user's rows by id.
            models.Index(fields=["user", "-id"], name="notification_user_id_idx"),
            # The unread badge on every page.
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user_id}: {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreferences(models.Model):
    """Which kinds a user does not want by email (in-app notifications always arrive)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences", verbose_name=_("user")
    )
    muted_kinds = models.JSONField(_("kinds not emailed"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("email preferences")
        verbose_name_plural = _("email preferences")

    def __str__(self) -> str:
        return f"Email preferences of {self.user_id}"


class ReminderKind(models.TextChoices):
    DAY = "day", _("24 hours before")
    SOON = "soon", _("10 minutes before")


class ReminderState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped")


class Reminder(models.Model):
    """One reminder of one call at one start time, sent to both sides at most once.

    The unique key includes the start, so a rescheduled call gets fresh reminders while
    the old ones are skipped when they come due.
    """

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("call"))
    kind = models.CharField(_("kind"), max_length=8, choices=ReminderKind.choices)
    scheduled_start = models.DateTimeField(_("call start it reminds of"))
    due_at = models.DateTimeField(_("due at"))
    state = models.CharField(_("state"), max_length=8, choices=ReminderState.choices, default=ReminderState.PLANNED)
    done_at = models.DateTimeField(_("sent or skipped at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "kind", "scheduled_start"], name="reminder_once_per_call_start"),
            models.CheckConstraint(condition=Q(state__in=ReminderState.values), name="reminder_state_valid"),
        ]
        indexes = [
            models.Index(fields=["due_at"], condition=Q(state="planned"), name="reminder_planned_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder of call {self.call_id} ({self.state})"
