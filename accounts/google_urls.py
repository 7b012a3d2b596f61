"""allauth's Google web sign-in routes, which exist only when Google is configured.

Without ``GOOGLE_CLIENT_ID``/``GOOGLE_CLIENT_SECRET`` the buttons are hidden, and a
bookmarked or typed route answers our 404 page instead of sending the person to Google
with an empty client id (Google's own error page). The check runs per request, so the
setting is read as it is now. These paths come before ``allauth.urls``, which keeps the
route names for reversing.
"""

from functools import wraps

from allauth.socialaccount.providers.google import views as google_views
from django.conf import settings
from django.http import Http404
from django.urls import path


def _when_google_enabled(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not settings.GOOGLE_LOGIN_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


urlpatterns = [
    path("google/login/", _when_google_enabled(google_views.oauth2_login)),
    path("google/login/callback/", _when_google_enabled(google_views.oauth2_callback)),
    path("google/login/token/", _when_google_enabled(google_views.login_by_token)),
]
