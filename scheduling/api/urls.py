from django.urls import path

from scheduling.api import bookings
from scheduling.api.views_availability import (
    OverrideDetailApi,
    OverrideListApi,
    WeeklyAvailabilityApi,
)
from scheduling.api.views_slots import SlotsApi

urlpatterns = [
    path("expert/availability", WeeklyAvailabilityApi.as_view(), name="api-availability"),
    path("expert/overrides", OverrideListApi.as_view(), name="api-overrides"),
    path("expert/overrides/<int:override_id>", OverrideDetailApi.as_view(), name="api-override"),
    path("experts/<int:expert_id>/slots", SlotsApi.as_view(), name="api-expert-slots"),
]

# The booking lifecycle.
urlpatterns += [
    path("bookings", bookings.BookingListApi.as_view(), name="api-bookings"),
    path("bookings/<int:booking_id>", bookings.BookingDetailApi.as_view(), name="api-booking"),
    path("bookings/<int:booking_id>/accept", bookings.BookingAcceptApi.as_view(), name="api-booking-accept"),
    path("bookings/<int:booking_id>/decline", bookings.BookingDeclineApi.as_view(), name="api-booking-decline"),
    path("bookings/<int:booking_id>/cancel", bookings.BookingCancelApi.as_view(), name="api-booking-cancel"),
    path(
        "bookings/<int:booking_id>/reschedule", bookings.BookingRescheduleApi.as_view(), name="api-booking-reschedule"
    ),
    path(
        "bookings/<int:booking_id>/reschedule/accept",
        bookings.BookingRescheduleAcceptApi.as_view(),
        name="api-booking-reschedule-accept",
    ),
    path(
        "bookings/<int:booking_id>/reschedule/decline",
        bookings.BookingRescheduleDeclineApi.as_view(),
        name="api-booking-reschedule-decline",
    ),
    path(
        "bookings/<int:booking_id>/reschedule/withdraw",
        bookings.BookingRescheduleWithdrawApi.as_view(),
        name="api-booking-reschedule-withdraw",
    ),
]
