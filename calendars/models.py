"""Calendar sync (SPEC §3): private subscription feeds and experts' external calendars.

``CalendarFeed.token`` is the only secret of a feed address; regenerating it revokes
the old address at once. An ``ExternalCalendar`` is an expert's secret ICS address;
the worker fetches it every ``CALENDAR_REFRESH_MINUTES`` and replaces its
``ExternalBusy`` rows, which the slot engine reads as busy blocks. A failed fetch keeps
the last good rows and records the error for the expert to see.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(_("secret token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_read_at = models.DateTimeField(_("last read at"), null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"


class ExternalCalendar(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_calendars",
        verbose_name=_("expert"),
    )
    name = models.CharField(_("name"), max_length=80)
    url = models.URLField(_("secret ICS address"), max_length=1000)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    last_fetched_at = models.DateTimeField(_("last fetched at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last fetched successfully at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    busy_count = models.PositiveIntegerField(_("busy periods"), default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "url"], name="external_calendar_unique_url")]
        indexes = [models.Index(fields=["last_fetched_at"], name="external_calendar_fetched_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def healthy(self) -> bool:
        return self.last_success_at is not None and not self.last_error


class ExternalBusy(models.Model):
    calendar = models.ForeignKey(ExternalCalendar, on_delete=models.CASCADE, related_name="busy", verbose_name=_("calendar"))
    # Denormalised so the slot engine's read is one indexed range query per expert.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("expert"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name_plural = _("external busy periods")
        indexes = [models.Index(fields=["user", "start"], name="external_busy_user_start_idx")]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="external_busy_ends_after_start")]

    def __str__(self) -> str:
        return f"Busy {self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M} UTC"
