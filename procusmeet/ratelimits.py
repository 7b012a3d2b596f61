"""Rate limits for every request, tighter on the authentication flows.

Counters live in the shared cache (Redis, or the file cache in the embedded default),
so limits hold across web processes. One place applies them to web pages and API alike;
``RATELIMIT_ENABLE=false`` switches them off (load tests).
"""

import logging

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from procusmeet.responses import error_json, is_api_request

logger = logging.getLogger(__name__)

# POSTs to these paths check a password, create sessions or send mail: the tight limit
# applies, counted per purpose (the page and the API of one purpose share a counter), so
# a client that registers, logs in and refreshes is not limited by the sum.
AUTH_PURPOSES = {
    "/api/v1/auth/login": "login",
    "/accounts/login/": "login",
    "/api/v1/auth/register": "signup",
    "/accounts/signup/": "signup",
    "/accounts/3rdparty/signup/": "signup",
    "/api/v1/auth/refresh": "refresh",
    "/accounts/password/reset/": "password-reset",
    "/api/v1/auth/password-reset": "password-reset",
    # Adding an address and re-sending its confirmation both mail any address typed in.
    "/accounts/email/": "email",
    "/api/v1/auth/google": "google",
    "/accounts/google/login/": "google",
    "/api/v1/me/deletion-request": "password-check",
    "/api/v1/me/password": "password-check",
    "/account/delete/": "password-check",
    "/accounts/password/change/": "password-check",
    "/accounts/reauthenticate/": "password-check",
}
AUTH_PATHS = tuple(AUTH_PURPOSES)
# Provider webhooks are signed (a forged one costs one HMAC and gets 401) and come in
# bursts from a few addresses, all of them behind one proxy IP: limiting them would drop
# payment and attendance events that the providers may not resend.
EXEMPT_PATHS = ("/healthz", "/readyz", "/static/", "/api/v1/webhooks/")


def _usage(request, group: str, rate: str):
    try:
        return get_usage(request, group=group, key="ip", rate=rate, increment=True)
    except Exception:  # a cache outage must not take the whole site down
        logger.exception("rate limit cache unavailable; letting the request through")
        return None


def _too_many_requests(request, retry_after: int):
    message = _("Too many requests. Please wait %(seconds)s seconds and try again.") % {"seconds": retry_after}
    if is_api_request(request):
        response = error_json(429, "rate_limited", message)
    else:
        response = render(request, "errors/429.html", {"message": message, "retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(EXEMPT_PATHS):
            limited = self._check(request)
            if limited is not None:
                return limited
        return self.get_response(request)

    def _check(self, request):
        checks = [("global", settings.RATELIMIT_GLOBAL_RATE)]
        if request.method == "POST":
            purpose = next((AUTH_PURPOSES[path] for path in AUTH_PATHS if request.path.startswith(path)), None)
            if purpose is not None:
                checks.append((f"auth:{purpose}", settings.RATELIMIT_AUTH_RATE))
        for group, rate in checks:
            usage = _usage(request, group, rate)
            if usage and usage["should_limit"]:
                return _too_many_requests(request, max(1, usage["time_left"]))
        return None
