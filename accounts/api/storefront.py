"""The expert's own storefront through the API: areas of expertise and the photo.

Experts only: anonymous → 401, clients → 403, another expert's area → 404.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import OnlyKnownFields
from accounts.models import ExpertArea, ExpertProfile
from accounts.permissions import IsExpert
from accounts.storefront.photos import MAX_BYTES, photo_too_large
from accounts.storefront.public import expert_photo_url
from accounts.storefront.selectors import expert_areas
from accounts.storefront.services import expert_photo_remove, expert_photo_set
from accounts.storefront.services_areas import area_create, area_delete, area_update
from procusmeet.api.errors import Forbidden, NotFound
from procusmeet.api.fields import TextField, WholeNumberField
from procusmeet.api.schema import error_responses

# A multipart body a little over the photo limit is still parsed so the answer can say
# "too large" precisely; anything far bigger is refused before it is read.
MAX_PHOTO_REQUEST_BYTES = MAX_BYTES + 64 * 1024


class AreaOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    price = serializers.IntegerField(help_text="Integer minor units (kobo, cents) of `currency`.")
    currency = serializers.CharField()
    active = serializers.BooleanField()

    class Meta:
        ref_name = "ExpertArea"


class _AreaInput(OnlyKnownFields):
    """An area of expertise, priced in the expert's currency."""

    # Refused rather than ignored when it differs: reading a USD price as naira would
    # silently sell the service at the wrong price.
    currency = TextField(
        required=False, write_only=True, help_text="Optional; if sent, it must be the expert's currency."
    )

    def validate_currency(self, value: str) -> str:
        expected = self.context["currency"]
        if value.strip().upper() != expected:
            raise serializers.ValidationError(
                _("Services are priced in your currency, %(currency)s.") % {"currency": expected}
            )
        return value

    def _refusal(self, name: str) -> str:
        if name in AreaOutputSerializer().fields:
            return str(_("This field cannot be changed here."))
        return super()._refusal(name)

    def area_fields(self) -> dict:
        """The validated fields the area services take."""
        return {name: value for name, value in self.validated_data.items() if name != "currency"}


class _ExpertApi(APIView):
    permission_classes = [IsAuthenticated, IsExpert]

    def profile(self, request) -> ExpertProfile:
        profile = ExpertProfile.objects.filter(user=request.user).first()
        if profile is None:  # an expert account made outside sign-up, without a storefront
            raise Forbidden(_("Only experts have a storefront."))
        return profile

    def own_area(self, request, area_id: int) -> ExpertArea:
        """The caller's area; someone else's looks exactly like a missing one."""
        area = ExpertArea.objects.filter(pk=area_id, expert__user=request.user).first()
        if area is None:
            raise NotFound(_("No such area."))
        return area


class AreaListApi(_ExpertApi):
    class InputSerializer(_AreaInput):
        title = TextField(max_length=120)
        description = TextField(max_length=2000, required=False, allow_blank=True, default="")
        duration_minutes = WholeNumberField(help_text="15 to 240, in steps of 15.")
        price = WholeNumberField(help_text="Integer minor units of the expert's currency, > 0.")
        active = serializers.BooleanField(required=False, default=True)

        class Meta:
            ref_name = "ExpertAreaCreate"

    @extend_schema(
        operation_id="expert_areas_list",
        responses={200: AreaOutputSerializer(many=True), **error_responses(401, 403)},
        description="All of the expert's areas, active and inactive: at most 20, plus any *retired* ones "
        "(deleted after being booked, so kept inactive), which do not count toward the limit.",
    )
    def get(self, request):
        return Response(AreaOutputSerializer(expert_areas(expert=self.profile(request)), many=True).data)

    @extend_schema(
        operation_id="expert_areas_create",
        request=InputSerializer,
        responses={201: AreaOutputSerializer, **error_responses(400, 401, 403)},
        description="Price and currency: the area is priced in the expert's current currency.",
    )
    def post(self, request):
        profile = self.profile(request)
        serializer = self.InputSerializer(data=request.data, context={"currency": profile.currency})
        serializer.is_valid(raise_exception=True)
        area = area_create(expert=profile, **serializer.area_fields())
        return Response(AreaOutputSerializer(area).data, status=status.HTTP_201_CREATED)


class AreaDetailApi(_ExpertApi):
    class InputSerializer(_AreaInput):
        title = TextField(max_length=120, required=False)
        description = TextField(max_length=2000, required=False, allow_blank=True)
        duration_minutes = WholeNumberField(required=False)
        price = WholeNumberField(required=False)
        active = serializers.BooleanField(required=False)

        class Meta:
            ref_name = "ExpertAreaUpdate"

    @extend_schema(
        operation_id="expert_areas_update",
        request=InputSerializer,
        responses={200: AreaOutputSerializer, **error_responses(400, 401, 403, 404)},
        description="Send only the fields to change. Setting `price` re-prices the area in the expert's "
        "current currency; an area left in an old currency cannot be activated.",
    )
    def patch(self, request, area_id: int):
        area = self.own_area(request, area_id)
        serializer = self.InputSerializer(data=request.data, partial=True, context={"currency": area.expert.currency})
        serializer.is_valid(raise_exception=True)
        area = area_update(area=area, **serializer.area_fields())
        return Response(AreaOutputSerializer(area).data)

    @extend_schema(
        operation_id="expert_areas_delete",
        responses={
            204: OpenApiResponse(description="Deleted."),
            200: OpenApiResponse(AreaOutputSerializer, description="Booked before, so deactivated instead."),
            **error_responses(401, 403, 404),
        },
    )
    def delete(self, request, area_id: int):
        area = self.own_area(request, area_id)
        if area_delete(area=area):
            return Response(status=status.HTTP_204_NO_CONTENT)
        area.refresh_from_db()
        return Response(AreaOutputSerializer(area).data)


class PhotoApi(_ExpertApi):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        photo = serializers.FileField(help_text="JPEG, PNG or WebP; at most 5 MB; 200×200 to 6000×6000 pixels.")

        class Meta:
            ref_name = "ExpertPhotoUpload"

    class OutputSerializer(serializers.Serializer):
        photo_url = serializers.URLField(allow_null=True)

        class Meta:
            ref_name = "ExpertPhoto"

    @extend_schema(
        operation_id="me_photo_upload",
        request={"multipart/form-data": InputSerializer},
        responses={200: OutputSerializer, **error_responses(400, 401, 403)},
        description="Stored cropped square, 512×512 WebP, metadata removed. A bad file changes nothing.",
    )
    def post(self, request):
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PHOTO_REQUEST_BYTES:
            raise photo_too_large()
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = expert_photo_set(profile=self.profile(request), upload=serializer.validated_data["photo"])
        return Response({"photo_url": expert_photo_url(profile)})

    @extend_schema(operation_id="me_photo_delete", responses={204: None, **error_responses(401, 403)})
    def delete(self, request):
        expert_photo_remove(profile=self.profile(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
