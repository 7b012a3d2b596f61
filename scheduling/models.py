"""An expert's availability: weekly wall-clock ranges and dated overrides (SPEC §3).

Times of day are integer minutes since local midnight in the expert's own time zone
(``ExpertProfile.timezone``), 0–1440, so a range can end at midnight ("24:00"). They are
turned into UTC instants per date by the slot engine, never stored as instants, so a
09:00 rule stays 09:00 on both sides of a daylight-saving change.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import ExpertProfile
from scheduling.wallclock import MINUTES_PER_DAY, format_hhmm


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeeklyRange(models.Model):
    """One recurring range of a weekday, e.g. Monday 09:00–12:00 local time.

    Ranges of one expert and weekday never overlap (the services refuse it); adjacent
    ranges (09:00–12:00 and 12:00–17:00) are allowed and behave as one.
    """

    expert = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="weekly_ranges")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_minute = models.PositiveSmallIntegerField(_("start (minutes after midnight)"))
    end_minute = models.PositiveSmallIntegerField(_("end (minutes after midnight)"))

    class Meta:
        ordering = ["expert", "weekday", "start_minute"]
        indexes = [models.Index(fields=["expert", "weekday", "start_minute"])]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="weekly_range_weekday_0_6"),
            models.CheckConstraint(
                condition=Q(start_minute__gte=0, end_minute__lte=MINUTES_PER_DAY, start_minute__lt=models.F("end_minute")),
                name="weekly_range_start_before_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start} – {self.end}"

    @property
    def start(self) -> str:
        return format_hhmm(self.start_minute)

    @property
    def end(self) -> str:
        return format_hhmm(self.end_minute)


class OverrideKind(models.TextChoices):
    AVAILABLE = "available", _("Extra availability")
    UNAVAILABLE = "unavailable", _("Time off")


class DateOverride(models.Model):
    """Extra availability or time off on one local date of the expert.

    ``available`` always has a range; ``unavailable`` has a range or, with both ends
    empty, blocks the whole day.
    """

    expert = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="date_overrides")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=OverrideKind.choices)
    start_minute = models.PositiveSmallIntegerField(_("start (minutes after midnight)"), null=True, blank=True)
    end_minute = models.PositiveSmallIntegerField(_("end (minutes after midnight)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["expert", "date", "start_minute"]
        indexes = [models.Index(fields=["expert", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OverrideKind.values), name="date_override_kind_valid"),
            models.CheckConstraint(
                condition=(
                    Q(start_minute__isnull=True, end_minute__isnull=True, kind=OverrideKind.UNAVAILABLE)
                    | Q(
                        # explicit: a NULL end would make the comparison unknown, which a CHECK lets pass
                        start_minute__isnull=False,
                        end_minute__isnull=False,
                        start_minute__gte=0,
                        end_minute__lte=MINUTES_PER_DAY,
                        start_minute__lt=models.F("end_minute"),
                    )
                ),
                name="date_override_range_or_whole_day_off",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.start or ''}–{self.end or ''}"

    @property
    def is_whole_day(self) -> bool:
        return self.start_minute is None

    @property
    def start(self) -> str | None:
        return None if self.start_minute is None else format_hhmm(self.start_minute)

    @property
    def end(self) -> str | None:
        return None if self.end_minute is None else format_hhmm(self.end_minute)


from scheduling.models_booking import Booking, BookingEvent, BookingStatus, RescheduleProposal, RescheduleStatus  # noqa: E402,F401
