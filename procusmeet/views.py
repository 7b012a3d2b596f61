"""Site-wide views: landing, health probes and the friendly error pages."""

import logging
import sys

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from accounts.storefront.availability import experts_next_slot_attach
from accounts.storefront.selectors import categories_in_use, experts_featured
from procusmeet.errors import UserFacingPermissionDenied
from procusmeet.middleware import DATABASE_ERRORS
from procusmeet.responses import error_json, is_api_request, service_unavailable

logger = logging.getLogger(__name__)


FEATURED_EXPERTS = 3


def landing(request):
    """What ProcusMeet is, the search box, and the categories and experts to start from."""
    experts = experts_featured(limit=FEATURED_EXPERTS)
    experts_next_slot_attach(experts, now=timezone.now())
    return render(request, "landing.html", {"experts": experts, "categories": categories_in_use()})


def home(request):
    """Where people land after signing in (or signing up): experts on their dashboard,
    requests to answer first (and the listing checklist while it is incomplete); clients
    on their bookings."""
    if not request.user.is_authenticated:
        return redirect("landing")
    return redirect("dashboard:dashboard" if request.user.is_expert else "scheduling:bookings")


@never_cache
def healthz(request):
    """The process is alive (no dependency is touched)."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready to serve: the database and the cache both answer."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    ready = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": {k: "ok" if v else "down" for k, v in checks.items()}},
        status=200 if ready else 503,
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.warning("readiness: database unreachable", exc_info=True)
        return False


def _cache_ok() -> bool:
    try:
        cache.set("readyz-probe", "1", 5)
        return cache.get("readyz-probe") == "1"
    except Exception:
        logger.warning("readiness: cache unreachable", exc_info=True)
        return False


def _error_page(request, status: int, code: str, message: str, template: str):
    if is_api_request(request):
        return error_json(status, code, message)
    return render(request, template, {"message": message}, status=status)


def bad_request(request, exception=None):
    return _error_page(request, 400, "bad_request", _("The request could not be understood."), "errors/400.html")


def permission_denied(request, exception=None):
    message = _user_facing_reason(exception) or _("You do not have permission to do that.")
    return _error_page(request, 403, "forbidden", message, "errors/403.html")


def _user_facing_reason(exception) -> str:
    """The refusal's own words when our code wrote them for people; the message of any
    other PermissionDenied (Django's, a library's) may be internal, so it is never shown."""
    if isinstance(exception, UserFacingPermissionDenied) and exception.args:
        return str(exception.args[0])
    return ""


def csrf_failure(request, reason=""):
    message = _("This form has expired or came from another site. Reload the page and try again.")
    return _error_page(request, 403, "csrf_failed", message, "errors/403.html")


def page_not_found(request, exception=None):
    return _error_page(request, 404, "not_found", _("We could not find that page."), "errors/404.html")


@csrf_exempt  # any method gets the 404: the CSRF check would answer an unknown POST 403
def api_not_found(request):
    """An unknown /api/ path, as JSON. API paths are exact; a path one slash away from
    a real one (``/api/v1/bookings/``, ``/api/docs``) names the real one."""
    twin = request.path[:-1] if request.path.endswith("/") else f"{request.path}/"
    try:
        known = resolve(twin).func is not api_not_found
    except Resolver404:
        known = False
    if known:
        return error_json(404, "not_found", _("No such API path. Did you mean %(path)s?") % {"path": twin})
    return error_json(404, "not_found", _("No such API path."))


def server_error(request):
    # Django calls this inside its `except` block. A database error raised by a middleware
    # (not the view, which DatabaseUnavailableMiddleware answers) is still an outage.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable(request)
    return _error_page(request, 500, "server_error", _("Something went wrong on our side. We have been told."), "errors/500.html")
