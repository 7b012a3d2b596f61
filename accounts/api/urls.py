from django.urls import path

from accounts.api import directory, storefront, views_account, views_auth, views_deletion, views_password

urlpatterns = [
    path("auth/register", views_auth.RegisterApi.as_view(), name="api-auth-register"),
    path("auth/login", views_auth.LoginApi.as_view(), name="api-auth-login"),
    path("auth/refresh", views_auth.RefreshApi.as_view(), name="api-auth-refresh"),
    path("auth/logout", views_auth.LogoutApi.as_view(), name="api-auth-logout"),
    path("auth/logout-all", views_auth.LogoutAllApi.as_view(), name="api-auth-logout-all"),
    path("auth/password-reset", views_password.PasswordResetApi.as_view(), name="api-auth-password-reset"),
    path("auth/google", views_auth.GoogleLoginApi.as_view(), name="api-auth-google"),
    path("auth/sessions", views_account.SessionListApi.as_view(), name="api-auth-sessions"),
    path("auth/sessions/<int:session_id>", views_account.SessionDetailApi.as_view(), name="api-auth-session"),
    path("me", views_account.MeApi.as_view(), name="api-me"),
    path("me/password", views_password.PasswordChangeApi.as_view(), name="api-me-password"),
    path("me/deletion-request", views_deletion.DeletionRequestApi.as_view(), name="api-me-deletion-request"),
    # Expert storefront (issue 3): photo, areas of expertise, public directory.
    path("me/photo", storefront.PhotoApi.as_view(), name="api-me-photo"),
    path("expert/areas", storefront.AreaListApi.as_view(), name="api-expert-areas"),
    path("expert/areas/<int:area_id>", storefront.AreaDetailApi.as_view(), name="api-expert-area"),
    path("experts", directory.ExpertListApi.as_view(), name="api-experts"),
    path("experts/<int:expert_id>", directory.ExpertDetailApi.as_view(), name="api-expert"),
]
