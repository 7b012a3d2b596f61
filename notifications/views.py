"""The notification centre and email preferences (pages; HTMX swaps the partials)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import selectors, services
from notifications.errors import NotificationNotFound, PreferencesInvalid
from notifications.models import NotificationKind

PAGE_SIZE = 20


def _page(request):
    notifications = selectors.notifications_for(user=request.user)
    return Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))


def _centre_context(request) -> dict:
    return {"page": _page(request), "unread": selectors.unread_count(user_id=request.user.pk)}


@login_required
@require_GET
def centre(request):
    return render(request, "notifications/centre.html", _centre_context(request))


@login_required
@require_POST
def mark_read(request, notification_id: int):
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
    except NotificationNotFound as error:
        raise Http404(error.message) from error
    if request.htmx:
        context = {"notification": notification, "unread": selectors.unread_count(user_id=request.user.pk)}
        return render(request, "notifications/_item_swap.html", context)
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_all_read(request):
    marked = services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All caught up: %(count)s marked as read.") % {"count": marked})
    if request.htmx:
        return render(request, "notifications/_list_swap.html", _centre_context(request))
    return redirect("notifications:centre")


@login_required
@require_GET
def open_notification(request, notification_id: int):
    """Follow a notification's link, marking it read on the way (like opening an email)."""
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
    except NotificationNotFound as error:
        raise Http404(error.message) from error
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:centre")


def _preferences_context(request, errors: dict | None = None) -> dict:
    items = selectors.email_preferences_of(user_id=request.user.pk)
    for item in items:
        item["errors"] = (errors or {}).get(item["kind"], [])
    return {"email_preferences": items}


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Email preferences: one checkbox per kind; locked kinds are always on."""
    if request.method == "GET":
        return render(request, "notifications/preferences.html", _preferences_context(request))
    wanted = set(request.POST.getlist("email"))
    changes = {kind: kind in wanted for kind in NotificationKind.values}
    for item in selectors.email_preferences_of(user_id=request.user.pk):
        if item["locked"]:
            changes[item["kind"]] = True  # a disabled checkbox is never posted
    try:
        services.email_preferences_update(user=request.user, changes=changes)
    except PreferencesInvalid as error:
        context = _preferences_context(request, error.fields)
        return render(request, "notifications/preferences.html", context, status=400)
    messages.success(request, _("Email preferences saved."))
    if request.htmx:
        return render(request, "notifications/_preferences_swap.html", _preferences_context(request))
    return redirect("notifications:preferences")
