"""The expert's own availability: weekly ranges and dated overrides (expert only)."""

from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ExpertProfile
from accounts.permissions import IsExpert
from procusmeet.api.schema import error_responses
from scheduling import selectors, services
from scheduling.api.serializers import (
    OverrideIn,
    OverrideOut,
    WeeklyRangeIn,
    WeeklyRangeOut,
)
from scheduling.services import RangeSpec


def _expert(request) -> ExpertProfile:
    return request.user.expert_profile  # IsExpert has checked it exists


class WeeklyAvailabilityApi(APIView):
    """``GET`` the weekly ranges; ``PUT`` a JSON list to replace them all at once."""

    permission_classes = [IsExpert]

    class InputSerializer(serializers.Serializer):
        ranges = serializers.ListField(child=WeeklyRangeIn(), allow_empty=True)

    @extend_schema(
        operation_id="availability_list", responses={200: WeeklyRangeOut(many=True), **error_responses(401, 403)}
    )
    def get(self, request):
        ranges = selectors.weekly_ranges_of(expert=_expert(request))
        return Response(WeeklyRangeOut(ranges, many=True).data)

    @extend_schema(
        operation_id="availability_replace",
        # JSON only: a form or multipart body cannot hold the list and is refused.
        request={"application/json": WeeklyRangeIn(many=True)},
        responses={200: WeeklyRangeOut(many=True), **error_responses(400, 401, 403)},
    )
    def put(self, request):
        expert = _expert(request)
        # The body is the bare list of SPEC §8; wrap it so errors name "ranges" and the item index.
        serializer = self.InputSerializer(data={"ranges": _ranges_body(request.data)})
        serializer.is_valid(raise_exception=True)
        specs = [RangeSpec(r["weekday"], r["start"], r["end"]) for r in serializer.validated_data["ranges"]]
        created = services.weekly_ranges_replace(expert=expert, ranges=specs)
        return Response(WeeklyRangeOut(created, many=True).data)


def _ranges_body(data):
    """The JSON list of ranges: the bare list, or the same list as ``{"ranges": [...]}``.

    A form or multipart body (a ``QueryDict``) is never a list of ranges: DRF's list field
    would read it as an empty list and the PUT would wipe the week, so it is refused."""
    if isinstance(data, QueryDict):
        raise serializers.ValidationError({"ranges": [_("Send a JSON list of {weekday, start, end} ranges.")]})
    if isinstance(data, dict) and data.keys() == {"ranges"}:
        data = data["ranges"]
    if isinstance(data, list):
        # Counted before each item is validated: a 2.5 MB list would take seconds to read.
        services.weekly_count_check(len(data))
    return data


class OverrideListApi(APIView):
    """Upcoming overrides (today in the expert's zone onwards), and adding one."""

    permission_classes = [IsExpert]

    @extend_schema(
        operation_id="overrides_list", responses={200: OverrideOut(many=True), **error_responses(401, 403)}
    )
    def get(self, request):
        overrides = selectors.overrides_upcoming(expert=_expert(request))
        return Response(OverrideOut(overrides, many=True).data)

    @extend_schema(
        operation_id="overrides_create",
        request=OverrideIn,
        responses={201: OverrideOut, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        expert = _expert(request)
        serializer = OverrideIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        override = services.date_override_create(
            expert=expert, date=data["date"], kind=data["kind"], start_minute=data["start"], end_minute=data["end"]
        )
        return Response(OverrideOut(override).data, status=status.HTTP_201_CREATED)


class OverrideDetailApi(APIView):
    permission_classes = [IsExpert]

    @extend_schema(operation_id="overrides_delete", responses={204: None, **error_responses(401, 403, 404)})
    def delete(self, request, override_id: int):
        services.date_override_delete(expert=_expert(request), override_id=override_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
