from django.urls import path

from calendars.api import views

urlpatterns = [
    path("calendar/feed", views.FeedApi.as_view(), name="api-calendar-feed"),
    path("expert/calendars", views.ExternalCalendarListApi.as_view(), name="api-expert-calendars"),
    path("expert/calendars/<int:calendar_id>", views.ExternalCalendarDetailApi.as_view(), name="api-expert-calendar"),
    path(
        "expert/calendars/<int:calendar_id>/refresh",
        views.ExternalCalendarRefreshApi.as_view(),
        name="api-expert-calendar-refresh",
    ),
    path("bookings/<int:booking_id>/calendar.ics", views.BookingCalendarApi.as_view(), name="api-booking-calendar"),
]
