from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.account, name="account"),
    path("sessions/<int:session_id>/revoke/", views.session_revoke_view, name="account_session_revoke"),
    path("sessions/revoke-all/", views.sessions_revoke_all_view, name="account_sessions_revoke_all"),
]
