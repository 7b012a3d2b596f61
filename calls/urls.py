"""Call pages: the lobby, the call itself, and the expert's private notes."""

from django.urls import include, path

from calls import views, views_notes

app_name = "calls"

urlpatterns = [
    path("api/v1/", include("calls.api.urls")),
    path("calls/<int:call_id>/lobby/", views.lobby, name="lobby"),
    path("calls/<int:call_id>/", views.call_page, name="call"),
    path("calls/<int:call_id>/notes/", views_notes.notes_page, name="notes"),
    path("calls/<int:call_id>/notes/add", views_notes.note_add, name="note-add"),
    path("calls/<int:call_id>/notes/<int:note_id>/edit", views_notes.note_edit, name="note-edit"),
    path("calls/<int:call_id>/notes/<int:note_id>/delete", views_notes.note_remove, name="note-delete"),
]
