"""Payouts, bank accounts and the platform's revenue in admin.

Everything is read-only: "Retry failed payouts" goes through ``payout_retry`` (same
reference, only after a final status) and lands in admin's log; bank accounts only
ever show masked numbers.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.storefront.money import money_format
from ops.audit import audited_action
from payments.models import PaymentStatus
from payments.models_payouts import BankAccount, Payout, PayoutStatus, PlatformRevenue
from payments.payout_services import payout_retry
from procusmeet.admin import ViewOnlyAdmin
from procusmeet.api.errors import ApplicationError


@admin.register(Payout)
class PayoutAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("reference", "expert", "amount_display", "status", "attempts", "requested_at", "settled_at")
    list_filter = ("status", "currency")
    search_fields = ("reference", "transfer_code", "expert__email")
    list_select_related = ("expert",)
    readonly_fields = [field.name for field in Payout._meta.fields]
    actions = ("retry_payouts",)
    ordering = ("-requested_at",)

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, payout):
        return money_format(payout.amount, payout.currency)

    def has_retry_permission(self, request):
        return request.user.has_perm("payments.change_payout")

    @audited_action(description=_("Retry failed payouts (same reference)"), permissions=["retry"], confirm=True)
    def retry_payouts(self, request, queryset):
        for payout in queryset.exclude(status=PayoutStatus.FAILED):
            text = _("%(reference)s: not retried, the payout is %(status)s (only failed payouts can be retried).")
            status = payout.get_status_display().lower()
            self.message_user(request, text % {"reference": payout.reference, "status": status}, messages.WARNING)
        for payout in queryset.filter(status=PayoutStatus.FAILED):
            try:
                payout = payout_retry(payout_id=payout.pk, actor=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{payout.reference}: {error.message}", messages.WARNING)
                continue
            self.log_change(request, payout, "Payout retry requested")
            self.message_user(request, f"{payout.reference}: {payout.get_status_display()}", messages.SUCCESS)


@admin.register(BankAccount)
class BankAccountAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("expert", "bank_name", "masked_number", "account_name", "currency", "updated_at")
    list_filter = ("currency",)
    search_fields = ("expert__email", "account_name")
    list_select_related = ("expert",)
    # The full number never shows in admin: only its masked form.
    fields = readonly_fields = (
        "expert",
        "currency",
        "bank_name",
        "bank_code",
        "masked_number",
        "account_name",
        "recipient_code",
        "created_at",
        "updated_at",
    )

    @admin.display(description=_("account number"))
    def masked_number(self, account):
        return account.masked_number


@admin.register(PlatformRevenue)
class PlatformRevenueAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """One page: the platform's fees per month and currency (released payments only)."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("payments.view_payment")

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = (
            PlatformRevenue.objects.filter(status=PaymentStatus.SUCCEEDED)
            .annotate(month=TruncMonth("released_at"))
            .values("month", "currency")
            .annotate(fees=Sum("platform_fee"), volume=Sum("amount"), calls=Count("pk"))
            .order_by("-month", "currency")
        )
        months = [
            {
                **row,
                "fees_display": money_format(int(row["fees"] or 0), row["currency"]),
                "volume_display": money_format(int(row["volume"] or 0), row["currency"]),
            }
            for row in rows
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Platform revenue"),
            "opts": self.model._meta,
            "months": months,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/payments/platform_revenue.html", context)
