"""The staff dashboard page."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ops.selectors import staff_overview


@require_GET
def staff_dashboard(request):
    """``/staff/``: staff only. A visitor not signed in is sent to the staff sign-in (as
    the admin does); anyone else signed in gets 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    return render(request, "ops/dashboard.html", {"overview": staff_overview(now=timezone.now())})
