from django.urls import path

from notifications import stream
from notifications.api import views

urlpatterns = [
    path("notifications", views.NotificationListApi.as_view(), name="api-notifications"),
    path("notifications/stream", stream.notification_stream, name="api-notifications-stream"),
    path("notifications/read-all", views.NotificationReadAllApi.as_view(), name="api-notifications-read-all"),
    path("notifications/preferences", views.NotificationPreferencesApi.as_view(), name="api-notifications-preferences"),
    path("notifications/<int:notification_id>/read", views.NotificationReadApi.as_view(), name="api-notification-read"),
]
