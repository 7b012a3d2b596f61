"""Forms of the availability editor; they only parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scheduling.models import OverrideKind
from scheduling.wallclock import MINUTES_PER_DAY, parse_hhmm


class ClockField(forms.Field):
    """A native time picker's "HH:MM" (or "HH:MM:SS") as minutes after midnight.

    Pickers cannot say 24:00, so as an *end* "00:00" means midnight at the end of the
    day, as calendar apps read it.
    """

    widget = forms.TimeInput(attrs={"type": "time", "step": 900})

    def __init__(self, *, is_end: bool = False, **kwargs):
        self.is_end = is_end
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        if len(text) == 8 and text.endswith(":00"):  # a picker with seconds shown
            text = text[:5]
        try:
            minutes = parse_hhmm(text, allow_end_of_day=self.is_end)
        except ValueError:
            raise forms.ValidationError(_("Enter a time such as 09:30."), code="invalid") from None
        return MINUTES_PER_DAY if self.is_end and minutes == 0 else minutes


class WeeklyRangeForm(forms.Form):
    start = ClockField(label=_("From"))
    end = ClockField(label=_("To"), is_end=True, help_text=_("00:00 means midnight."))

    def clean(self):
        data = super().clean()
        if data.get("start") is not None and data.get("end") is not None and data["end"] <= data["start"]:
            self.add_error("end", _("Must be after the start."))
        return data


class OverrideForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Type"), choices=OverrideKind.choices, initial=OverrideKind.UNAVAILABLE)
    start = ClockField(label=_("From"), required=False)
    end = ClockField(label=_("To"), is_end=True, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            self.add_error("end" if end is None else "start", _("Give both times, or neither for a whole day off."))
        elif start is None and data.get("kind") == OverrideKind.AVAILABLE:
            self.add_error("start", _("Extra hours need a start and an end."))
        elif start is not None and end <= start:
            self.add_error("end", _("Must be after the start."))
        return data


class BookingRulesForm(forms.Form):
    """The expert's booking rules; saved by the same service as ``PATCH /api/v1/me``."""

    min_notice_minutes = forms.IntegerField(
        label=_("Minimum notice (minutes)"), min_value=0, max_value=60 * 24 * 30,
        help_text=_("How long before a call it can still be booked."),
    )
    horizon_days = forms.IntegerField(
        label=_("Booking horizon (days)"), min_value=1, max_value=365, help_text=_("How far ahead clients can book.")
    )
    buffer_before_minutes = forms.IntegerField(label=_("Buffer before a call (minutes)"), min_value=0, max_value=240)
    buffer_after_minutes = forms.IntegerField(label=_("Buffer after a call (minutes)"), min_value=0, max_value=240)
    daily_limit = forms.IntegerField(
        label=_("Most calls per day"), min_value=1, max_value=96, required=False, help_text=_("Empty means no limit.")
    )
