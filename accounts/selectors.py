"""Reads shared by the account pages and the API."""

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import RefreshSession, User


def sessions_active(*, user: User) -> QuerySet[RefreshSession]:
    """The user's unexpired API sessions, most recently used first."""
    return RefreshSession.objects.filter(user=user, expires_at__gt=timezone.now()).order_by("-last_used_at")


def user_get_with_profile(*, user_id: int) -> User:
    """A user with the profile of their role loaded, for the ``/me`` views."""
    return (
        User.objects.select_related("client_profile", "expert_profile")
        .prefetch_related("expert_profile__categories")
        .get(pk=user_id)
    )
