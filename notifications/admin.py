from django.contrib import admin

from notifications.models import EmailPreferences, Notification, Reminder
from procusmeet.admin import ViewOnlyAdmin


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Notifications come from the services; staff may read them and delete one (an
    entry sent by mistake), never write one: an empty add form used to save a row with
    no user and crash."""

    list_display = ["title", "user", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["user__email", "title"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    readonly_fields = ["user", "kind", "title", "body", "url", "data", "created_at", "read_at", "emailed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EmailPreferences)
class EmailPreferencesAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ["user", "muted_kinds", "updated_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "muted_kinds", "updated_at"]


@admin.register(Reminder)
class ReminderAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ["call", "kind", "scheduled_start", "due_at", "state", "done_at"]
    list_filter = ["kind", "state"]
    search_fields = ["call__expert__email", "call__client__email"]
    list_select_related = ["call"]
    readonly_fields = ["call", "kind", "scheduled_start", "due_at", "state", "done_at", "created_at"]
