"""Reads shared by the account pages and the API."""

from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import RefreshSession, User
from scheduling.timezones import zone_or_none


def user_zone(user: User) -> ZoneInfo:
    """The zone a person reads times in (pages, emails): their role profile's, else UTC."""
    profile = getattr(user, "expert_profile" if user.is_expert else "client_profile", None)
    return zone_or_none(getattr(profile, "timezone", "") or "") or ZoneInfo("UTC")


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


def email_held_by_another_account(*, email: str, user: User) -> bool:
    """Whether an address is another account's login email or confirmed address.

    Another account's unconfirmed extra address does not count: allauth keeps those
    pending until whoever owns the address confirms it.
    """
    login_email = User.objects.filter(email__iexact=email).exclude(pk=user.pk)
    confirmed = EmailAddress.objects.filter(email__iexact=email, verified=True).exclude(user=user)
    return login_email.exists() or confirmed.exists()
