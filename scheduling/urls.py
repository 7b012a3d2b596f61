"""Scheduling pages (availability editor, booking widget) and the scheduling API."""

from django.urls import include, path

from scheduling import views, views_booking, views_bookings

app_name = "scheduling"

urlpatterns = [
    path("api/v1/", include("scheduling.api.urls")),
    path("availability/", views.editor, name="editor"),
    path("availability/weekly/<int:weekday>/add", views.weekly_add, name="weekly-add"),
    path("availability/weekly/<int:range_id>/update", views.weekly_update, name="weekly-update"),
    path("availability/weekly/<int:range_id>/delete", views.weekly_delete, name="weekly-delete"),
    path("availability/overrides/add", views.override_add, name="override-add"),
    path("availability/overrides/<int:override_id>/delete", views.override_delete, name="override-delete"),
    path("availability/rules", views.rules_save, name="rules"),
    path("availability/preview", views.preview, name="preview"),
    path("experts/<slug:slug>/calendar/", views_booking.calendar, name="booking-calendar"),
    path("experts/<slug:slug>/book/", views_booking.summary, name="booking-summary"),
    path("bookings/", views_bookings.booking_list, name="bookings"),
    path("bookings/new/", views_bookings.booking_confirm, name="booking-confirm"),
    path("bookings/<int:booking_id>/", views_bookings.booking_detail, name="booking-detail"),
    path("bookings/<int:booking_id>/<slug:action>/", views_bookings.booking_action, name="booking-action"),
]
