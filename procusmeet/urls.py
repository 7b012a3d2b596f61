from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from procusmeet import views

handler400 = "procusmeet.views.bad_request"
handler403 = "procusmeet.views.permission_denied"
handler404 = "procusmeet.views.page_not_found"
handler500 = "procusmeet.views.server_error"

api_v1 = [
    path("", include("accounts.api.urls")),
]

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

if not settings.STORAGE_ENDPOINT and not settings.PRODUCTION:
    # Local uploads in development; production serves media from object storage.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
