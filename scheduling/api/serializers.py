"""Input and output shapes of the availability API (times are "HH:MM" local to the expert)."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.api.serializers import OnlyKnownFields
from procusmeet.api.fields import WholeNumberField
from scheduling.models import OverrideKind
from scheduling.wallclock import parse_hhmm


# What integrators commonly send for "HH:MM": a one-digit hour ("9:00") or zero seconds
# ("09:00:00", how most languages write a time of day). ASCII digits only.
_LENIENT_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::00)?")


class WallClockField(serializers.CharField):
    """"HH:MM" ↔ minutes after midnight; ``end_of_day`` admits "24:00". Also reads "H:MM"
    and "HH:MM:00"; answers are always "HH:MM"."""

    def __init__(self, *, end_of_day: bool = False, **kwargs):
        self.end_of_day = end_of_day
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        match = _LENIENT_CLOCK.fullmatch(text)
        if match:
            text = f"{match.group(1):0>2}:{match.group(2)}"
        try:
            return parse_hhmm(text, allow_end_of_day=self.end_of_day)
        except ValueError:
            if self.end_of_day:
                raise serializers.ValidationError(_("Use HH:MM between 00:00 and 24:00.")) from None
            raise serializers.ValidationError(_("Use HH:MM between 00:00 and 23:59.")) from None


class IsoDateField(serializers.DateField):
    """A date written exactly ``YYYY-MM-DD``. DRF's ``DateField`` also reads "20260615",
    "2026-6-15" and the ISO week date "2026-W25-1" (a Monday), none of which an
    integrator means as "that day"; refusing them keeps a mistake from blocking the
    wrong date."""

    _YYYY_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

    def to_internal_value(self, value):
        if isinstance(value, str) and not self._YYYY_MM_DD.fullmatch(value):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


def _end_after_start(attrs: dict) -> dict:
    start, end = attrs.get("start"), attrs.get("end")
    if start is not None and end is not None and end <= start:
        raise serializers.ValidationError({"end": [_("Must be after the start.")]})
    return attrs


class WeeklyRangeIn(OnlyKnownFields):
    weekday = WholeNumberField(min_value=0, max_value=6, help_text="0 = Monday … 6 = Sunday")
    start = WallClockField(help_text="HH:MM, the expert's local time")
    end = WallClockField(end_of_day=True, help_text="HH:MM (24:00 = midnight), after start")

    def validate(self, attrs):
        return _end_after_start(attrs)


class WeeklyRangeOut(serializers.Serializer):
    weekday = serializers.IntegerField()
    start = serializers.CharField()
    end = serializers.CharField()


class OverrideIn(OnlyKnownFields):
    date = IsoDateField(help_text="YYYY-MM-DD, the expert's local date")
    kind = serializers.ChoiceField(choices=OverrideKind.choices)
    start = WallClockField(required=False, allow_null=True, default=None)
    end = WallClockField(end_of_day=True, required=False, allow_null=True, default=None)

    def validate(self, attrs):
        start, end = attrs["start"], attrs["end"]
        if (start is None) != (end is None):
            missing = "end" if end is None else "start"
            raise serializers.ValidationError({missing: [_("Give both start and end, or neither for a whole day off.")]})
        if start is None and attrs["kind"] == OverrideKind.AVAILABLE:
            raise serializers.ValidationError({"start": [_("Extra availability needs a start and an end.")]})
        return _end_after_start(attrs)


class OverrideOut(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=OverrideKind.choices)  # the schema's enum, as in the request
    start = serializers.CharField(allow_null=True)
    end = serializers.CharField(allow_null=True)


class SlotsOut(serializers.Serializer):
    timezone = serializers.CharField(help_text="the IANA zone the slots are written in")
    slots = serializers.ListField(child=serializers.CharField(), help_text="RFC 3339 starts, sorted")
