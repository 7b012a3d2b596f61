"""Role gates for expert-only and client-only endpoints."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from accounts.models import Role


class IsExpert(BasePermission):
    """An expert with a storefront. An account can be given the expert role without one
    (a role changed in the admin, an old superuser); the expert views all read
    ``request.user.expert_profile``, so such an account is refused here, not a 500 there.
    ``hasattr`` loads the profile once and caches it on the user for the view."""

    message = _("Only experts can do this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role == Role.EXPERT and hasattr(user, "expert_profile"))


class IsClient(BasePermission):
    message = _("Only clients can do this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role == Role.CLIENT)
