"""Reads of notifications and email preferences shared by pages, the API and streams."""

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet
from django.db.models.functions import Coalesce

from notifications.models import (
    MANDATORY_EMAIL_KINDS,
    EmailPreferences,
    Notification,
    NotificationKind,
)

POLL_BATCH = 1000
REPLAY_BATCH = 100


def notifications_for(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first within each group."""
    queryset = Notification.objects.filter(user=user)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    unread_first = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return queryset.order_by(unread_first.desc(), "-id")


def unread_count(*, user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def bell_summary(*, user_id: int) -> dict:
    """Unread count and newest id in one query: the header's badge, and where its
    stream starts so nothing created between the page and the stream is missed."""
    return Notification.objects.filter(user_id=user_id).aggregate(
        unread=Count("pk", filter=Q(read_at__isnull=True)), latest_id=Coalesce(Max("pk"), 0)
    )


def notifications_after(*, user_id: int, after_id: int) -> list[Notification]:
    """The user's notifications newer than ``after_id``, oldest first (a stream's next batch)."""
    return list(Notification.objects.filter(user_id=user_id, pk__gt=after_id).order_by("pk")[:REPLAY_BATCH])


def notification_latest_id() -> int:
    return Notification.objects.aggregate(latest=Coalesce(Max("pk"), 0))["latest"]


def notification_users_since(*, after_id: int) -> list[tuple[int, int]]:
    """``(id, user_id)`` of every notification newer than ``after_id`` (the poll's one query)."""
    return list(Notification.objects.filter(pk__gt=after_id).order_by("pk").values_list("pk", "user_id")[:POLL_BATCH])


def email_muted_kinds(*, user_id: int) -> set[str]:
    muted = EmailPreferences.objects.filter(user_id=user_id).values_list("muted_kinds", flat=True).first()
    return set(muted or ()) - MANDATORY_EMAIL_KINDS


def email_preferences_of(*, user_id: int) -> list[dict]:
    """Every kind with its label, whether it is emailed, and whether it may be turned off."""
    muted = email_muted_kinds(user_id=user_id)
    return [
        {
            "kind": kind.value,
            "label": str(kind.label),
            "enabled": kind.value not in muted,
            "locked": kind in MANDATORY_EMAIL_KINDS,
        }
        for kind in NotificationKind
    ]
