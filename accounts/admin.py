"""Operations on people: users, their profiles and their API sessions.

Writes with business rules go through services: new users get their role profile in
the same transaction, and deactivation is an action that calls ``user_deactivate``.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import admin_deletion, admin_storefront  # noqa: F401  (deletion requests; experts, areas, categories)
from accounts.models import ClientProfile, RefreshSession, User
from accounts.services import profile_create, user_deactivate, user_reactivate
from accounts.tokens import sessions_revoke_all
from notifications.security import password_changed_alert
from ops.audit import audited_action
from procusmeet.admin import ViewOnlyAdmin


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "role")

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"]).strip().lower()


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class PasswordChangeAdminForm(AdminPasswordChangeForm):
    """Staff setting or removing a password ends the user's API sessions, as a reset by
    email does: it is what they do for someone whose password leaked. The user is
    alerted like after a change of their own."""

    def save(self, commit=True):
        had_password = self.user.has_usable_password()
        with transaction.atomic():
            user = super().save(commit=commit)
            if commit:
                sessions_revoke_all(user_id=user.pk)
                password_changed_alert(user=user, had_password=had_password, has_password=user.has_usable_password())
        return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    change_password_form = PasswordChangeAdminForm
    list_display = ("email", "full_name", "role", "is_active", "is_staff", "date_joined")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "full_name")
    ordering = ("-date_joined",)
    date_hierarchy = "date_joined"
    actions = ("deactivate_users", "reactivate_users")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "role")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "role", "usable_password", "password1", "password2")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # The role decides which profile exists; changing it would leave the wrong one.
        # Unticking "active" would skip what deactivation does (end the API sessions, hide
        # the storefront's slots): the actions do it through the services instead.
        return ("role", "is_active", "last_login", "date_joined") if obj else ()

    def save_model(self, request, obj, form, change):
        # The admin wraps this in a transaction, so user and profile land together.
        super().save_model(request, obj, form, change)
        if not change:
            profile_create(user=obj)

    @audited_action(description=_("Deactivate selected users"), permissions=["change"], confirm=True)
    def deactivate_users(self, request, queryset):
        for user in queryset.filter(is_active=False):
            self.message_user(request, _("%(email)s was already inactive.") % {"email": user.email}, messages.WARNING)
        count = self._each(queryset.filter(is_active=True), user_deactivate)
        if count:
            self.message_user(
                request,
                ngettext("Deactivated %(count)d user.", "Deactivated %(count)d users.", count) % {"count": count},
                messages.SUCCESS,
            )

    @audited_action(description=_("Reactivate selected users"), permissions=["change"])
    def reactivate_users(self, request, queryset):
        count = self._each(queryset.filter(is_active=False), user_reactivate)
        self.message_user(
            request,
            ngettext("Reactivated %(count)d user.", "Reactivated %(count)d users.", count) % {"count": count},
            messages.SUCCESS,
        )

    @staticmethod
    def _each(users, service) -> int:
        """Run the user service on each user; how many there were."""
        count = 0
        for user in users:
            service(user=user)
            count += 1
        return count


@admin.register(ClientProfile)
class ClientProfileAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """View only: profiles are created with their user and edited by their owner."""

    list_display = ("user", "timezone", "created_at")
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user",)


@admin.register(RefreshSession)
class RefreshSessionAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    """Read-only: a session ends through the account page or the API, never here."""

    list_display = ("id", "user", "masked_hash", "user_agent", "ip", "created_at", "last_used_at", "expires_at")
    list_select_related = ("user",)
    search_fields = ("user__email", "ip")
    ordering = ("-last_used_at",)
    fields = ("user", "masked_hash", "user_agent", "ip", "created_at", "last_used_at", "expires_at")
    readonly_fields = fields

    @admin.display(description=_("token hash"))
    def masked_hash(self, obj):
        return f"{obj.token_hash[:8]}…"
