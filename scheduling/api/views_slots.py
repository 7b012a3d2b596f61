"""Free slots of an expert's service, for anyone (SPEC §8)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from scheduling import selectors
from scheduling.api.serializers import SlotsOut
from scheduling.timezones import zone_or_none

MAX_WINDOW_DAYS = 62
DEFAULT_WINDOW_DAYS = 7
# Slots exist only between now and the longest horizon (365 days); a bound on the dates
# keeps absurd ones (year 9999) a clear 400 instead of an overflow.
DATE_REACH = dt.timedelta(days=3650)


class SlotsApi(APIView):
    """``{"timezone": tz, "slots": [...]}``: starts as RFC 3339 strings in ``tz``.

    ``from``/``to`` are inclusive dates in ``tz`` (default UTC); without them the answer
    covers the 7 days from today in ``tz`` (``to`` alone: from today; ``from`` alone: 7
    days from it). At most 62 days per request.
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []  # public and cacheable: no session, no CSRF

    class InputSerializer(serializers.Serializer):
        area = serializers.IntegerField(min_value=1)
        tz = serializers.CharField(required=False, default="UTC", max_length=64)
        from_ = serializers.DateField(required=False, allow_null=True, default=None)
        to = serializers.DateField(required=False, allow_null=True, default=None)

        def get_fields(self):
            fields = super().get_fields()
            fields["from"] = fields.pop("from_")  # a Python keyword as a query name
            return fields

        def validate_tz(self, value):
            zone = zone_or_none(value)
            if zone is None:
                raise serializers.ValidationError(_("Not an IANA time zone, e.g. Africa/Lagos or UTC."))
            return zone

        def validate(self, attrs):
            today = timezone.now().astimezone(attrs["tz"]).date()
            for name in ("from", "to"):
                if attrs.get(name) and abs(attrs[name] - today) > DATE_REACH:
                    raise serializers.ValidationError({name: [_("Choose a date within ten years of today.")]})
            start = attrs.get("from") or today
            end = attrs.get("to") or start + dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1)
            if end < start:
                raise serializers.ValidationError({"to": [_("Must be on or after “from”.")]})
            if (end - start).days + 1 > MAX_WINDOW_DAYS:
                raise serializers.ValidationError({"to": [_("Ask for at most %d days at a time.") % MAX_WINDOW_DAYS]})
            return {**attrs, "from": start, "to": end}

    @extend_schema(
        parameters=[
            OpenApiParameter("area", int, required=True),
            OpenApiParameter("from", dt.date, description="first date, in tz (default: today)"),
            OpenApiParameter("to", dt.date, description="last date, in tz, inclusive (default: from + 6 days)"),
            OpenApiParameter("tz", str, description="IANA time zone of the answer (default UTC)"),
        ],
        responses=SlotsOut,
    )
    def get(self, request, expert_id: int):
        query = self.InputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        zone = params["tz"]
        answer = selectors.public_slot_answer(
            expert_id=expert_id, area_id=params["area"], start_date=params["from"], end_date=params["to"], tz=zone
        )
        return Response({"timezone": zone.key, "slots": answer.texts})
