"""Calls in admin: looked at, never edited (calls change through the booking and call
services). Private notes show only who wrote them and when: their text is the expert's
alone (SPEC §4), staff included."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from calls.models import Call, CallAttendance, CallNoShow, CallNote, LiveKitWebhookEvent
from procusmeet.admin import ViewOnlyAdmin


def _minutes(stay: CallAttendance):
    return None if stay.seconds is None else round(stay.seconds / 60)


class AttendanceInline(ViewOnlyAdmin, admin.TabularInline):
    model = CallAttendance
    fields = ("user", "joined_at", "left_at", "minutes", "participant_sid")
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("minutes"))
    def minutes(self, stay):
        return _minutes(stay)


class NoShowInline(ViewOnlyAdmin, admin.StackedInline):
    model = CallNoShow
    fields = ("expert_absent", "client_absent", "marked_at")
    readonly_fields = fields
    extra = 0


class NoteMetadataInline(ViewOnlyAdmin, admin.TabularInline):
    model = CallNote
    fields = ("author", "created_at", "updated_at")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("private notes (text hidden)")


@admin.register(Call)
class CallAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("id", "scheduled_start", "duration_minutes", "expert", "client", "area", "status", "active")
    list_filter = ("status", "active", "booking__status")
    search_fields = ("expert__email", "expert__full_name", "client__email", "client__full_name", "area__title")
    list_select_related = ("expert", "client", "area")
    date_hierarchy = "scheduled_start"
    ordering = ("-scheduled_start",)
    inlines = (AttendanceInline, NoShowInline, NoteMetadataInline)


@admin.register(CallAttendance)
class CallAttendanceAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("call", "user", "joined_at", "left_at", "minutes")
    list_filter = ("joined_at",)
    search_fields = ("user__email", "participant_sid")
    list_select_related = ("call", "user")
    ordering = ("-joined_at",)

    @admin.display(description=_("minutes"))
    def minutes(self, stay):
        return _minutes(stay)


@admin.register(CallNoShow)
class CallNoShowAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("call", "expert_absent", "client_absent", "marked_at")
    list_filter = ("expert_absent", "client_absent")
    search_fields = ("call__expert__email", "call__client__email")
    list_select_related = ("call",)
    ordering = ("-marked_at",)


@admin.register(CallNote)
class CallNoteAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """Metadata only: the list and the detail page never load a note's text."""

    list_display = ("id", "call", "author", "created_at", "updated_at")
    fields = ("call", "author", "created_at", "updated_at")
    readonly_fields = fields
    search_fields = ("author__email",)
    list_select_related = ("call", "author")
    ordering = ("-created_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")


@admin.register(LiveKitWebhookEvent)
class LiveKitWebhookEventAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("received_at", "event", "room", "participant_identity", "outcome", "happened_at")
    list_filter = ("event", "outcome")
    search_fields = ("event_id", "room", "participant_identity")
    readonly_fields = ("event_id", "event", "room", "participant_identity", "happened_at", "received_at", "outcome")
    ordering = ("-received_at",)
