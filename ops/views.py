"""The staff dashboard page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ops.selectors import staff_overview


@require_GET
def staff_dashboard(request):
    """``/staff/``: staff only (403 for everyone else, signed in or not)."""
    if not (request.user.is_authenticated and request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    return render(request, "ops/dashboard.html", {"overview": staff_overview(now=timezone.now())})
