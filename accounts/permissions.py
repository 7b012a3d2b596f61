"""Role gates for expert-only and client-only endpoints."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from accounts.models import Role


class IsExpert(BasePermission):
    message = _("Only experts can do this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role == Role.EXPERT)


class IsClient(BasePermission):
    message = _("Only clients can do this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.role == Role.CLIENT)
