"""Operations on the storefront: experts, their areas of expertise and categories.

Storefront content belongs to the expert, so staff see it read-only; hiding an expert
from the directory (and their public page) is an action through the services.
Categories are plain reference data (a name and a slug) that staff curate directly.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Category, ExpertArea, ExpertProfile
from accounts.storefront.money import money_format
from accounts.storefront.services import expert_hide, expert_show
from accounts.storefront.services_areas import area_update
from ops.audit import audited_action

# Supersedes the minimal registration in accounts/admin.py (this module is imported after it).
if admin.site.is_registered(ExpertProfile):
    admin.site.unregister(ExpertProfile)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AreaInline(ReadOnlyMixin, admin.TabularInline):
    model = ExpertArea
    extra = 0
    fields = ("title", "duration_minutes", "price_display", "active", "created_at")
    readonly_fields = fields
    show_change_link = True

    @admin.display(description=_("price"))
    def price_display(self, area):
        return money_format(area.price, area.currency)


@admin.register(ExpertProfile)
class ExpertProfileAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("display_name", "user_email", "slug", "currency", "from_price_display", "is_listed", "created_at")
    list_filter = ("is_listed", "currency", "categories", "user__is_active")
    search_fields = ("display_name", "slug", "headline", "user__email", "user__full_name")
    list_select_related = ("user",)
    ordering = ("-created_at",)
    date_hierarchy = "created_at"
    actions = ["hide_from_directory", "show_in_directory"]
    inlines = [AreaInline]
    fieldsets = (
        (None, {"fields": ("user", "display_name", "slug", "is_listed", "photo_preview")}),
        (_("Storefront"), {"fields": ("headline", "bio", "categories", "languages", "years_experience", "social_links")}),
        (_("Money and time"), {"fields": ("currency", "timezone", "from_price_display")}),
        (
            _("Booking rules"),
            {"fields": ("min_notice_minutes", "horizon_days", "buffer_before_minutes", "buffer_after_minutes", "daily_limit")},
        ),
        (_("Dates"), {"fields": ("created_at", "updated_at")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, profile):
        return profile.user.email

    @admin.display(description=_("from price"), ordering="from_price")
    def from_price_display(self, profile):
        return money_format(profile.from_price, profile.currency) if profile.from_price else "—"

    @admin.display(description=_("photo"))
    def photo_preview(self, profile):
        if not profile.photo:
            return "—"
        return format_html('<img src="{}" width="96" height="96" alt="">', profile.photo.url)

    @audited_action(description=_("Hide from directory"), permissions=["change"], confirm=True)
    def hide_from_directory(self, request, queryset):
        for profile in queryset.filter(is_listed=False):
            text = _("%(name)s was already hidden.") % {"name": profile.display_name}
            self.message_user(request, text, messages.WARNING)
        count = self._apply(request, queryset.filter(is_listed=True), expert_hide)
        if count:
            message = ngettext(
                "Hid %(count)d expert from the directory.", "Hid %(count)d experts from the directory.", count
            )
            self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @audited_action(description=_("Show in directory"), permissions=["change"])
    def show_in_directory(self, request, queryset):
        count = self._apply(request, queryset.filter(is_listed=False), expert_show)
        message = ngettext("Showed %(count)d expert in the directory.", "Showed %(count)d experts in the directory.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    def _apply(self, request, queryset, service) -> int:
        count = 0
        for profile in queryset:
            service(profile=profile)
            self.log_change(request, profile, service.__name__)
            count += 1
        return count


@admin.register(ExpertArea)
class ExpertAreaAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "expert", "duration_minutes", "price_display", "currency", "active", "created_at")
    list_filter = ("active", "currency", "duration_minutes")
    search_fields = ("title", "description", "expert__display_name", "expert__user__email")
    list_select_related = ("expert",)
    ordering = ("-created_at",)
    fields = ("expert", "title", "description", "duration_minutes", "price_display", "currency", "active", "created_at", "updated_at")
    readonly_fields = fields
    actions = ["deactivate_areas"]

    @admin.display(description=_("price"), ordering="price")
    def price_display(self, area):
        return money_format(area.price, area.currency)

    @audited_action(description=_("Deactivate selected areas"), permissions=["change"])
    def deactivate_areas(self, request, queryset):
        count = 0
        for area in queryset.filter(active=True):
            area_update(area=area, active=False)
            self.log_change(request, area, "area_update active=False")
            count += 1
        self.message_user(
            request,
            ngettext("Deactivated %(count)d area.", "Deactivated %(count)d areas.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "expert_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(expert_total=Count("experts"))

    @admin.display(description=_("experts"), ordering="expert_total")
    def expert_count(self, category):
        return category.expert_total
