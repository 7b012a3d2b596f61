from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.account, name="account"),
    path("profile/", views.account_profile_update, name="account_profile_update"),
    path("delete/", views.account_deletion_request_view, name="account_deletion_request"),
    path("delete/withdraw/", views.account_deletion_withdraw_view, name="account_deletion_withdraw"),
    path("sessions/<int:session_id>/revoke/", views.session_revoke_view, name="account_session_revoke"),
    path("sessions/revoke-all/", views.sessions_revoke_all_view, name="account_sessions_revoke_all"),
]
