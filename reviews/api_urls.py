from django.urls import path

from reviews import api

urlpatterns = [
    path("bookings/<int:booking_id>/review", api.BookingReviewApi.as_view(), name="api-booking-review"),
    path(
        "bookings/<int:booking_id>/review/reply", api.BookingReviewReplyApi.as_view(), name="api-booking-review-reply"
    ),
    path("experts/<int:expert_id>/reviews", api.ExpertReviewListApi.as_view(), name="api-expert-reviews"),
]
