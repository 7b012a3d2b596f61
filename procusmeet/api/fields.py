"""Serializer fields the whole API shares."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

_DECIMAL_TEXT = re.compile(r"\s*[-+]?[0-9]*\.[0-9]*\s*")


class WholeNumberField(serializers.IntegerField):
    """An integer that must be sent as one: a JSON number without a fraction, or digits
    in a form field.

    DRF's ``IntegerField`` takes ``1500.0`` and ``"1500.00"`` as 1500. For amounts in
    minor units a decimal point almost always means the sender is thinking in major
    units (₦1,500.00 is 150000 kobo), so it is refused instead of silently charging a
    hundredth of the price. Text is ASCII digits only: ``int()`` also reads "١٥٠٠",
    "１５００" and "1_500", which no integrator means as a number.
    """

    default_error_messages = {"whole": _("Send a whole number, without a decimal point.")}

    def to_internal_value(self, data):
        if isinstance(data, float) or (isinstance(data, str) and _DECIMAL_TEXT.fullmatch(data)):
            self.fail("whole")
        if isinstance(data, str) and (not data.isascii() or "_" in data):
            self.fail("invalid")
        return super().to_internal_value(data)


class TextField(serializers.CharField):
    """A string that must be sent as one: DRF's ``CharField`` turns a JSON number into
    its text (``15.0`` → ``"15.0"``), which hides a client sending the wrong field."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
