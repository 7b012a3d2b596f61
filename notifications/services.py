"""Every write to notifications and email preferences.

``notification_create`` is what other apps call (through ``notifications.booking`` and
friends): it saves the row, and once the transaction commits wakes the user's open
streams and queues the email, so nobody hears of something that was rolled back.
"""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import fanout, hub
from notifications.errors import NotificationNotFound, PreferencesInvalid
from notifications.models import (
    MANDATORY_EMAIL_KINDS,
    EmailPreferences,
    Notification,
    NotificationKind,
)

# pg_advisory_xact_lock key ("PMNOTIFY" in ASCII, fits a bigint).
_ID_ORDER_LOCK = 0x504D4E4F54494659 & 0x7FFFFFFFFFFFFFFF


def _ids_in_commit_order() -> None:
    """Streams read ``id > last sent``; two inserts committing out of id order could hide
    the lower id forever. Serialising the (tiny) inserting transactions on PostgreSQL
    makes ids visible in order; SQLite serialises writers by itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ID_ORDER_LOCK])


def _checked_url(url: str) -> str:
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError(f"A notification links to a path on this site, not {url!r}.")
    return url


@transaction.atomic
def notification_create(
    *,
    user,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    data: dict | None = None,
    read: bool = False,
    email: bool = True,
) -> Notification:
    """Save a notification for ``user``; after commit, wake their streams and (with
    ``email``) queue its email, which honours the user's preferences when sent.

    ``read=True`` records something the user did themselves (their own copy of a
    calendar invite, say) without raising the unread badge.
    """
    NotificationKind(kind)  # unknown kinds are a programming error
    _ids_in_commit_order()
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        title=title[:200],
        body=body[:2000],
        url=_checked_url(url),
        data=data or {},
        read_at=timezone.now() if read else None,
    )
    user_id, notification_id = notification.user_id, notification.pk
    transaction.on_commit(lambda: fanout.streams_wake(user_id=user_id))
    if email:
        from notifications.tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification_id))
    return notification


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (idempotent); another user's is a 404."""
    notification = Notification.objects.select_for_update().filter(pk=notification_id, user=user).first()
    if notification is None:
        raise NotificationNotFound(_("No such notification."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        transaction.on_commit(lambda: fanout.streams_wake(user_id=user.pk, what=hub.READ))
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    changed = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: fanout.streams_wake(user_id=user.pk, what=hub.READ))
    return changed


@transaction.atomic
def email_preferences_update(*, user, changes: dict[str, bool]) -> EmailPreferences:
    """Turn email on or off per kind; kinds in ``MANDATORY_EMAIL_KINDS`` stay on."""
    errors = {}
    for kind, enabled in changes.items():
        if kind not in NotificationKind.values:
            errors[kind] = [_("Unknown kind of notification.")]
        elif not enabled and kind in MANDATORY_EMAIL_KINDS:
            errors[kind] = [_("Security and payment emails cannot be turned off.")]
    if errors:
        raise PreferencesInvalid(_("Some preferences cannot be saved."), fields=errors)
    preferences, _created = EmailPreferences.objects.select_for_update().get_or_create(user=user)
    muted = set(preferences.muted_kinds)
    muted |= {kind for kind, enabled in changes.items() if not enabled}
    muted -= {kind for kind, enabled in changes.items() if enabled}
    preferences.muted_kinds = sorted(muted)
    preferences.save(update_fields=["muted_kinds", "updated_at"])
    return preferences
