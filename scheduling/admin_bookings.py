"""Bookings in admin: looked at, never edited; "Cancel booking (refund)" goes through the
booking service, which records the staff member on the booking's timeline, and admin's
own log keeps the action too."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ops.audit import audited_action
from procusmeet.admin import ViewOnlyAdmin
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.transitions import booking_cancel
from scheduling.models_booking import Booking, BookingEvent, RescheduleProposal


class BookingEventInline(ViewOnlyAdmin, admin.TabularInline):
    model = BookingEvent
    fields = ("at", "action", "from_status", "to_status", "actor", "data")
    readonly_fields = fields
    extra = 0


class RescheduleInline(ViewOnlyAdmin, admin.TabularInline):
    model = RescheduleProposal
    fields = ("proposed_start", "status", "proposed_by", "created_at", "decided_at")
    readonly_fields = fields
    extra = 0


@admin.register(Booking)
class BookingAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("id", "status", "start", "client", "expert", "payment_status", "created_at")
    list_filter = ("status", "call__payment__status")
    search_fields = ("call__client__email", "call__expert__email", "call__payment__reference")
    list_select_related = ("call__client", "call__expert", "call__payment")
    readonly_fields = ("call", "status", "decline_reason", "cancel_reason", "created_at", "updated_at")
    inlines = (RescheduleInline, BookingEventInline)
    actions = ("cancel_bookings",)
    ordering = ("-created_at",)

    @admin.display(description=_("start (UTC)"), ordering="call__scheduled_start")
    def start(self, booking):
        return booking.call.scheduled_start

    @admin.display(description=_("client"))
    def client(self, booking):
        return booking.call.client

    @admin.display(description=_("expert"))
    def expert(self, booking):
        return booking.call.expert

    @admin.display(description=_("payment"))
    def payment_status(self, booking):
        return booking.call.payment.get_status_display()

    def has_cancel_permission(self, request):
        return request.user.has_perm("scheduling.change_booking")

    @audited_action(description=_("Cancel booking (refund)"), permissions=["cancel"], confirm=True)
    def cancel_bookings(self, request, queryset):
        cancelled = 0
        for booking in queryset:
            try:
                booking_cancel(booking=booking, actor=request.user, reason=str(_("Cancelled by the ProcusMeet team.")))
            except ApplicationError as error:
                self.message_user(request, f"#{booking.pk}: {error.message}", messages.WARNING)
                continue
            self.log_change(request, booking, "Cancelled (refund) through the booking service")
            cancelled += 1
        if cancelled:  # each refusal was said above; "Cancelled 0 bookings." would read as a success
            message = ngettext("Cancelled %(count)d booking.", "Cancelled %(count)d bookings.", cancelled)
            self.message_user(request, message % {"count": cancelled}, messages.SUCCESS)


# Timelines and proposals also have lists of their own (read-only), for searching across bookings.
@admin.register(BookingEvent)
class BookingEventAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("at", "booking", "action", "from_status", "to_status", "actor")
    list_filter = ("action", "to_status")
    search_fields = ("=booking__id", "actor__email")
    date_hierarchy = "at"
    list_select_related = ("booking", "actor")
    readonly_fields = ("booking", "actor", "action", "from_status", "to_status", "at", "data")


@admin.register(RescheduleProposal)
class RescheduleProposalAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("booking", "proposed_start", "status", "proposed_by", "created_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("=booking__id", "proposed_by__email")
    date_hierarchy = "created_at"
    list_select_related = ("booking", "proposed_by")
    readonly_fields = ("booking", "proposed_start", "status", "proposed_by", "created_at", "decided_at")
