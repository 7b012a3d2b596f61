from django.urls import path

from calendars import views

app_name = "calendars"

urlpatterns = [
    path("calendars/", views.index, name="index"),
    path("calendars/feed/regenerate/", views.feed_regenerate, name="feed-regenerate"),
    path("calendars/feed/revoke/", views.feed_revoke, name="feed-revoke"),
    path("calendars/external/add/", views.external_add, name="external-add"),
    path("calendars/external/<int:calendar_id>/remove/", views.external_remove, name="external-remove"),
    path("calendars/external/<int:calendar_id>/refresh/", views.external_refresh, name="external-refresh"),
    path("calendar/feed/<str:token>.ics", views.feed, name="feed"),
    path("bookings/<int:booking_id>/calendar.ics", views.booking_download, name="booking-ics"),
]
