"""What happened around a call: who was in the room when (from LiveKit's webhooks),
who never came (no-shows), and the webhook deliveries themselves (for dedupe and audit).

Kept apart from ``calls.models.Call`` (the booking lifecycle's model); ``calls.models``
imports these so Django registers them with the app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CallAttendance(models.Model):
    """One participant's stay in the call's room: one row per LiveKit connection.

    ``participant_sid`` is LiveKit's id of that connection, so a leave is matched to its
    own join even when the webhooks arrive out of order (a leave first leaves
    ``joined_at`` empty until its join arrives).
    """

    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="attendance", verbose_name=_("call"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="call_attendance", verbose_name=_("participant")
    )
    participant_sid = models.CharField(_("LiveKit participant id"), max_length=100)
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call attendance")
        verbose_name_plural = _("call attendance")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "participant_sid"], name="call_attendance_one_row_per_connection")
        ]
        indexes = [models.Index(fields=["call", "user"], name="call_attendance_call_user_idx")]

    def __str__(self) -> str:
        return f"User {self.user_id} in call {self.call_id}"

    @property
    def seconds(self) -> int | None:
        """How long this stay lasted, once both ends are known."""
        if self.joined_at is None or self.left_at is None:
            return None
        return max(0, int((self.left_at - self.joined_at).total_seconds()))


class CallNoShow(models.Model):
    """Who never joined a call that became ``no_show`` (SPEC §4)."""

    call = models.OneToOneField("calls.Call", on_delete=models.CASCADE, related_name="no_show", verbose_name=_("call"))
    expert_absent = models.BooleanField(_("expert absent"))
    client_absent = models.BooleanField(_("client absent"))
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        verbose_name = _("no-show")
        verbose_name_plural = _("no-shows")
        constraints = [
            models.CheckConstraint(condition=Q(expert_absent=True) | Q(client_absent=True), name="no_show_someone_absent")
        ]

    def __str__(self) -> str:
        return f"No-show of call {self.call_id}"


class LiveKitWebhookEvent(models.Model):
    """Every verified LiveKit webhook, once per event id: a redelivery finds its row and
    has no second effect. ``outcome`` says what it did (``processed`` or ``ignored``)."""

    event_id = models.CharField(_("event id"), max_length=100, unique=True)
    event = models.CharField(_("event"), max_length=40)
    room = models.CharField(_("room"), max_length=100, blank=True)
    participant_identity = models.CharField(_("participant identity"), max_length=100, blank=True)
    happened_at = models.DateTimeField(_("happened at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=20)

    class Meta:
        verbose_name = _("LiveKit webhook event")
        verbose_name_plural = _("LiveKit webhook events")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["room", "received_at"], name="livekit_event_room_idx")]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id}"
