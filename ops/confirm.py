"""The "are you sure?" page of a staff action (``audited_action(confirm=True)``): what
admin's own bulk delete shows, for actions that move money or lock people out."""

from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

CONFIRMED = "yes"  # the value of ``post`` the page sends back, as admin's bulk delete does


def action_confirmed(request) -> bool:
    return request.POST.get("post") == CONFIRMED


def action_confirmation_page(modeladmin, request, queryset, *, action: str, description: str) -> TemplateResponse:
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Are you sure?"),
        "subtitle": description,
        "description": description,
        "action": action,
        "objects": list(queryset),
        "opts": opts,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "confirmed": CONFIRMED,
        "media": modeladmin.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "admin/ops/action_confirmation.html", context)
