from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("bookings/<int:booking_id>/", views.review_write, name="write"),
    path("bookings/<int:booking_id>/reply/", views.review_reply_post, name="reply"),
]
