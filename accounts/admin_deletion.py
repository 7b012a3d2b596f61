"""Account deletion requests in admin: staff read them and process them with an action
that calls ``account_deletion_complete`` (never by editing the status)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import AccountDeletionRequest, DeletionStatus
from accounts.services_deletion import account_deletion_complete
from ops.audit import audited_action
from procusmeet.admin import ViewOnlyAdmin
from procusmeet.api.errors import ApplicationError


@admin.register(AccountDeletionRequest)
class AccountDeletionRequestAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("id", "user", "status", "requested_at", "processed_at", "processed_by")
    list_filter = ("status",)
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user", "processed_by")
    date_hierarchy = "requested_at"
    ordering = ("-requested_at",)
    fields = ("user", "status", "reason", "requested_at", "processed_at", "processed_by")
    readonly_fields = fields
    actions = ("delete_and_anonymise",)

    def has_process_permission(self, request):
        # The form is read-only, yet processing is a change: it needs the change permission.
        return request.user.has_perm("accounts.change_accountdeletionrequest")

    @audited_action(description=_("Delete and anonymise the selected accounts"), permissions=["process"])
    def delete_and_anonymise(self, request, queryset):
        done = 0
        for deletion in queryset.filter(status=DeletionStatus.PENDING):
            try:
                account_deletion_complete(request_id=deletion.pk, staff=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{deletion.user}: {error.message}", messages.ERROR)
                continue
            done += 1
        message = ngettext(
            "Deleted and anonymised %(count)d account.", "Deleted and anonymised %(count)d accounts.", done
        )
        self.message_user(request, message % {"count": done}, messages.SUCCESS)
