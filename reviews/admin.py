"""Reviews in admin: read-only; staff hide abusive ones (and show them again) through
the services, which keep each expert's average right; every action lands in admin's log."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ops.audit import audited_action
from procusmeet.admin import ViewOnlyAdmin
from reviews.models import ExpertRating, Review
from reviews.services import review_hide, review_unhide


@admin.register(Review)
class ReviewAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("booking", "expert", "client", "rating", "hidden_by_staff", "created_at", "replied_at")
    list_filter = ("hidden_by_staff", "rating")
    search_fields = ("text", "expert_reply", "expert__email", "client__email")
    list_select_related = ("booking", "expert", "client")
    readonly_fields = [field.name for field in Review._meta.fields]
    actions = ("hide_reviews", "unhide_reviews")
    ordering = ("-created_at",)

    def has_moderate_permission(self, request):
        return request.user.has_perm("reviews.change_review")

    def _moderate(self, request, queryset, service, verb: str) -> None:
        for review in queryset:
            review = service(review_id=review.pk, staff=request.user)
            self.log_change(request, review, verb)
        self.message_user(
            request, _("%(verb)s %(n)d review(s).") % {"verb": verb, "n": queryset.count()}, messages.SUCCESS
        )

    @audited_action(description=_("Hide from public pages"), permissions=["moderate"])
    def hide_reviews(self, request, queryset):
        self._moderate(request, queryset, review_hide, _("Hidden"))

    @audited_action(description=_("Show on public pages again"), permissions=["moderate"])
    def unhide_reviews(self, request, queryset):
        self._moderate(request, queryset, review_unhide, _("Shown"))


@admin.register(ExpertRating)
class ExpertRatingAdmin(ViewOnlyAdmin, admin.ModelAdmin):
    list_display = ("expert", "rating_average", "rating_count", "updated_at")
    search_fields = ("expert__display_name", "expert__user__email")
    list_select_related = ("expert",)
    readonly_fields = [field.name for field in ExpertRating._meta.fields]
