"""The audit log and admin's own change history in admin: both read-only. Admin's bulk
"Delete selected" and allauth's "Mark as verified" are replaced by the same actions,
audited."""

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _

from ops.audit import audited_action
from ops.models import AuditEntry
from procusmeet.admin import ViewOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("at", "actor_email", "action", "target_type", "target_id", "target_repr", "outcome", "changed")
    list_filter = ("action", "target_type", "at")
    search_fields = ("actor_email", "action", "target_id", "target_repr")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
    list_select_related = ("actor",)

    @admin.display(description=_("outcome"))
    def outcome(self, entry):
        return entry.data.get("outcome", "")

    @admin.display(boolean=True, description=_("changed"))
    def changed(self, entry):
        return entry.data.get("changed")


@admin.register(LogEntry)
class LogEntryAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """Django admin's own record of every add, change and delete made through its forms."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "change_message")
    list_filter = ("action_flag", "content_type")
    search_fields = ("object_repr", "change_message", "user__email")
    date_hierarchy = "action_time"
    list_select_related = ("user", "content_type")
    readonly_fields = [field.name for field in LogEntry._meta.fields]


admin.site.add_action(
    audited_action(description=delete_selected.short_description, permissions=["delete"])(delete_selected),
    "delete_selected",
)


class AuditedEmailAddressAdmin(EmailAddressAdmin):
    @audited_action(description=_("Mark selected email addresses as verified"), permissions=["change"])
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)


admin.site.unregister(EmailAddress)
admin.site.register(EmailAddress, AuditedEmailAddressAdmin)
