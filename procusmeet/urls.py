from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.views import EmailView, SignupView
from procusmeet import views

handler400 = "procusmeet.views.bad_request"
handler403 = "procusmeet.views.permission_denied"
handler404 = "procusmeet.views.page_not_found"
handler500 = "procusmeet.views.server_error"

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("payments.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("calendars.api.urls")),
    path("", include("reviews.api_urls")),
]

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("staff/", include("ops.urls")),
    # Before allauth's own route: the same page, with ?role= preselecting the role.
    path("accounts/signup/", SignupView.as_view(), name="account_signup"),
    # Before allauth's own route too: the same page, without a server error on a clash.
    path("accounts/email/", EmailView.as_view(), name="account_email"),
    path("accounts/", include("accounts.google_urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("payments/", include("payments.urls")),
    path("notifications/", include("notifications.urls")),
    path("reviews/", include("reviews.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("", include("calendars.urls")),
    path("", include("scheduling.urls")),
    path("", include("calls.urls")),
    path("experts/", include("accounts.storefront.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script from our origin; our template drops the inline <style>.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/docs.html"),
        name="api-docs",
    ),
]

if not settings.STORAGE_ENDPOINT and not settings.PRODUCTION:
    # Local uploads in development; production serves media from object storage.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))

# Keep last: an unknown /api/ path answers the API's JSON error shape even with DEBUG on,
# where Django would otherwise show its HTML debug page.
urlpatterns.append(re_path(r"^api/", views.api_not_found))
