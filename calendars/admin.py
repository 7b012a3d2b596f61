from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from calendars.models import CalendarFeed, ExternalBusy, ExternalCalendar
from ops.audit import audited_action
from procusmeet.admin import ViewOnlyAdmin


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "last_read_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    # The token is a secret of the user's; staff revoke a feed by deleting it.
    exclude = ["token"]
    readonly_fields = ["user", "created_at", "last_read_at"]

    # A feed is the user's to create (with its secret token): an add form here would
    # save a row without a user.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExternalCalendar)
class ExternalCalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "last_fetched_at", "last_success_at", "busy_count", "last_error"]
    list_filter = ["last_success_at"]
    search_fields = ["user__email", "name"]
    list_select_related = ["user"]
    exclude = ["url"]  # the expert's secret address
    readonly_fields = ["user", "created_at", "last_fetched_at", "last_success_at", "last_error", "busy_count"]
    actions = ["refresh_now"]

    def has_add_permission(self, request):
        return False  # the expert adds it, with its secret address

    @audited_action(description=_("Fetch the selected calendars now"))
    def refresh_now(self, request, queryset):
        from calendars.tasks import refresh_external_calendar

        for calendar_id in queryset.values_list("pk", flat=True):
            refresh_external_calendar.delay(calendar_id)
        messages.success(request, _("Fetching queued."))


@admin.register(ExternalBusy)
class ExternalBusyAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ["calendar", "user", "start", "end"]
    search_fields = ["user__email", "calendar__name"]
    list_select_related = ["calendar", "user"]
    readonly_fields = ["calendar", "user", "start", "end"]
