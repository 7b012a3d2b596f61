"""Payments and webhook deliveries in admin: money and statuses are read-only; "Refund
payment" goes through the booking and payment services and lands in admin's log."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ops.audit import audited_action
from payments.models import Payment, PaymentStatus, WebhookEvent
from procusmeet.admin import ViewOnlyAdmin
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.transitions import booking_refund_by_staff


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = _("refund problem")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("yes", _("Needs attention"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(refund_error="") | queryset.filter(refund_status__in=["failed", "needs-attention"])
        return queryset


@admin.register(Payment)
class PaymentAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("reference", "status", "amount", "currency", "provider", "needs_attention", "held_at", "created_at")
    list_filter = ("status", NeedsAttentionFilter, "provider", "currency")
    search_fields = ("reference", "call__client__email", "call__expert__email")
    list_select_related = ("call",)
    readonly_fields = [field.name for field in Payment._meta.fields]
    actions = ("refund_payments",)
    ordering = ("-created_at",)

    @admin.display(boolean=True, description=_("needs attention"))
    def needs_attention(self, payment):
        return payment.needs_attention

    def has_refund_permission(self, request):
        return request.user.has_perm("payments.change_payment")

    @audited_action(
        description=_("Refund payment (cancels its booking if still on)"), permissions=["refund"], confirm=True
    )
    def refund_payments(self, request, queryset):
        for payment in queryset.exclude(status=PaymentStatus.HELD):
            # Only money still held can go back; say so rather than skip it silently.
            text = _("%(reference)s: not refunded, the payment is %(status)s (only held payments can be refunded).")
            status = payment.get_status_display().lower()
            self.message_user(request, text % {"reference": payment.reference, "status": status}, messages.WARNING)
        for payment in queryset.filter(status=PaymentStatus.HELD):
            try:
                payment = booking_refund_by_staff(payment=payment, staff=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{payment.reference}: {error.message}", messages.WARNING)
                continue
            self.log_change(request, payment, f"Refund requested; status now {payment.status}")
            self.message_user(request, *self._refund_outcome(payment))

    @staticmethod
    def _refund_outcome(payment) -> tuple[str, int]:
        """What staff read after asking for a refund: done, failed (and why), or on its
        way (the provider confirms most refunds later, by webhook)."""
        if payment.needs_attention:
            text = _("%(reference)s: the refund failed (%(error)s); it is listed under “needs attention”.")
            error = payment.refund_error or payment.refund_status
            return text % {"reference": payment.reference, "error": error}, messages.ERROR
        if payment.status == PaymentStatus.REFUNDED:
            return _("%(reference)s: refunded.") % {"reference": payment.reference}, messages.SUCCESS
        text = _("%(reference)s: refund requested; the provider confirms it shortly.")
        return text % {"reference": payment.reference}, messages.SUCCESS


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("dedupe_key", "provider", "event", "received_at", "processed_at", "attempts")
    list_filter = ("provider", "event")
    search_fields = ("dedupe_key",)
    readonly_fields = [field.name for field in WebhookEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
