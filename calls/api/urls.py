from django.urls import path

from calls.api.views import CallDetailApi, CallEndApi, CallTokenApi, LiveKitWebhookApi
from calls.api.views_notes import CallNoteDetailApi, CallNoteListApi

urlpatterns = [
    path("calls/<int:call_id>", CallDetailApi.as_view(), name="api-call"),
    path("calls/<int:call_id>/token", CallTokenApi.as_view(), name="api-call-token"),
    path("calls/<int:call_id>/end", CallEndApi.as_view(), name="api-call-end"),
    path("calls/<int:call_id>/notes", CallNoteListApi.as_view(), name="api-call-notes"),
    path("calls/<int:call_id>/notes/<int:note_id>", CallNoteDetailApi.as_view(), name="api-call-note"),
    path("webhooks/livekit", LiveKitWebhookApi.as_view(), name="api-webhooks-livekit"),
]
