"""Reviews through the API (SPEC §8).

``POST /api/v1/bookings/{id}/review`` (the call's client, once the call is completed;
a second one is 409), ``PATCH`` of the same path within 7 days, ``GET`` for either
participant, ``POST /api/v1/bookings/{id}/review/reply`` (the call's expert, once) and
the public ``GET /api/v1/experts/{id}/reviews`` (hidden reviews left out).
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.storefront.selectors import experts_public
from procusmeet.api.errors import NotFound
from procusmeet.api.pagination import PagePagination
from procusmeet.api.schema import error_responses
from reviews.models import RATING_MAX, RATING_MIN, REPLY_MAX, TEXT_MAX
from reviews.selectors import (
    review_of_booking,
    review_writer_check,
    reviewer_name,
    reviews_public,
)
from reviews.services import review_create, review_reply, review_update


class PublicReviewOut(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.IntegerField()
    text = serializers.CharField()
    reviewer = serializers.SerializerMethodField(help_text='First name and initial, e.g. "Alice C."')
    created_at = serializers.DateTimeField()
    edited = serializers.SerializerMethodField()
    expert_reply = serializers.CharField()
    replied_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "PublicReview"

    def get_reviewer(self, review) -> str:
        return reviewer_name(review.client)

    def get_edited(self, review) -> bool:
        return review.updated_at > review.created_at


class ReviewOut(PublicReviewOut):
    booking = serializers.IntegerField(source="booking_id")
    editable_until = serializers.DateTimeField(source="edited_until")
    hidden_by_staff = serializers.BooleanField()

    class Meta:
        ref_name = "Review"


def _answer(request, booking_id: int, *, code: int = status.HTTP_200_OK) -> Response:
    return Response(ReviewOut(review_of_booking(user=request.user, booking_id=booking_id)).data, status=code)


class BookingReviewApi(APIView):
    class CreateSerializer(serializers.Serializer):
        rating = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX)
        text = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX, default="")

        class Meta:
            ref_name = "ReviewCreate"

    class UpdateSerializer(serializers.Serializer):
        rating = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX, required=False)
        text = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX)

        class Meta:
            ref_name = "ReviewUpdate"

    @extend_schema(operation_id="booking_review_retrieve", responses={200: ReviewOut, **error_responses(401, 404)})
    def get(self, request, booking_id: int):
        return _answer(request, booking_id)

    @extend_schema(
        operation_id="booking_review_create",
        request=CreateSerializer,
        responses={201: ReviewOut, **error_responses(400, 401, 403, 404, 409)},
        description="Rate a completed call (the client, once).",
    )
    def post(self, request, booking_id: int):
        review_writer_check(user=request.user, booking_id=booking_id)
        serializer = self.CreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review_create(booking_id=booking_id, client=request.user, **serializer.validated_data)
        return _answer(request, booking_id, code=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="booking_review_update",
        request=UpdateSerializer,
        responses={200: ReviewOut, **error_responses(400, 401, 403, 404, 409)},
        description="Change the rating or text, within 7 days of writing the review.",
    )
    def patch(self, request, booking_id: int):
        review_writer_check(user=request.user, booking_id=booking_id)
        serializer = self.UpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review_update(booking_id=booking_id, client=request.user, **serializer.validated_data)
        return _answer(request, booking_id)


class BookingReviewReplyApi(APIView):
    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=REPLY_MAX)

        class Meta:
            ref_name = "ReviewReply"

    @extend_schema(
        operation_id="booking_review_reply",
        request=InputSerializer,
        responses={201: ReviewOut, **error_responses(400, 401, 403, 404, 409)},
        description="The expert's public answer to the review (once).",
    )
    def post(self, request, booking_id: int):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review_reply(booking_id=booking_id, expert=request.user, **serializer.validated_data)
        return _answer(request, booking_id, code=status.HTTP_201_CREATED)


class ExpertReviewListApi(APIView):
    pagination_class = PagePagination  # so the schema shows the paginated envelope
    permission_classes = [AllowAny]
    authentication_classes: list = []  # public, like the profile itself

    @extend_schema(
        operation_id="experts_reviews_list",
        parameters=[OpenApiParameter("page", int)],
        responses={200: PublicReviewOut(many=True), **error_responses(404)},
        description="The expert's reviews, newest first (reviews hidden by staff are left out).",
    )
    def get(self, request, expert_id: int):
        profile = experts_public().filter(pk=expert_id).first()
        if profile is None:
            raise NotFound(_("No such expert."))
        paginator = PagePagination()
        page = paginator.paginate_queryset(reviews_public(profile=profile), request, view=self)
        return paginator.get_paginated_response(PublicReviewOut(page, many=True).data)
