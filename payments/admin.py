from django.contrib import admin

from payments.models import TestTransaction, TestTransfer


@admin.register(TestTransaction)
class TestTransactionAdmin(admin.ModelAdmin):
    """The test provider's side of each charge: looked at, never edited."""

    list_display = ("reference", "status", "amount", "currency", "refunded_amount", "email", "created_at", "paid_at")
    list_filter = ("status", "currency")
    search_fields = ("reference", "email")
    readonly_fields = [field.name for field in TestTransaction._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TestTransfer)
class TestTransferAdmin(admin.ModelAdmin):
    list_display = ("reference", "status", "amount", "currency", "recipient_code", "transfer_code", "created_at")
    list_filter = ("status", "currency")
    search_fields = ("reference", "transfer_code", "recipient_code")
    readonly_fields = [field.name for field in TestTransfer._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
from payments import admin_payments  # noqa: E402,F401  (payments and webhooks register themselves)
from payments import admin_payouts  # noqa: E402,F401  (payouts, bank accounts and revenue register themselves)
