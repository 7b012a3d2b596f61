from django.contrib import admin

from scheduling.cache import slots_cache_invalidate
from scheduling.models import DateOverride, WeeklyRange
from scheduling.services import expert_bookable_until_refresh


class _InvalidatesSlots:
    """Staff edits skip the services, so they forget the expert's cached slots (and
    recompute whether the directory lists the expert) here."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        expert_ids = {obj.expert_id}
        if change and form.initial.get("expert"):
            expert_ids.add(form.initial["expert"])  # a row moved to another expert: the one it left changes too
        self._changed(expert_ids)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._changed({obj.expert_id})

    def delete_queryset(self, request, queryset):
        expert_ids = set(queryset.values_list("expert_id", flat=True))
        super().delete_queryset(request, queryset)
        self._changed(expert_ids)

    @staticmethod
    def _changed(expert_ids: set[int]) -> None:
        for expert_id in expert_ids:
            slots_cache_invalidate(expert_id=expert_id)
        expert_bookable_until_refresh(expert_ids=expert_ids)


@admin.register(WeeklyRange)
class WeeklyRangeAdmin(_InvalidatesSlots, admin.ModelAdmin):
    list_display = ["expert", "weekday", "start", "end"]
    list_filter = ["weekday"]
    search_fields = ["expert__user__email", "expert__display_name"]
    list_select_related = ["expert"]
    raw_id_fields = ["expert"]
    ordering = ["expert", "weekday", "start_minute"]


@admin.register(DateOverride)
class DateOverrideAdmin(_InvalidatesSlots, admin.ModelAdmin):
    list_display = ["expert", "date", "kind", "start", "end"]
    list_filter = ["kind", "date"]
    search_fields = ["expert__user__email", "expert__display_name"]
    list_select_related = ["expert"]
    raw_id_fields = ["expert"]
    date_hierarchy = "date"
    readonly_fields = ["created_at"]
from scheduling import admin_bookings  # noqa: E402,F401  (bookings register themselves)
