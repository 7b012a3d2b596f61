"""The email of a notification: plain text + HTML, and a calendar invite when it has one.

Sent by the worker (``notifications.tasks.send_notification_email``) after the
notification's transaction committed. Each notification is emailed at most once
(``emailed_at``, under a row lock); the user's preferences are checked at sending time.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import security
from notifications.models import Notification, NotificationKind
from notifications.selectors import email_muted_kinds

logger = logging.getLogger(__name__)

_ACTIONS = {
    NotificationKind.BOOKING_REQUESTED: _("Review the request"),
    NotificationKind.RESCHEDULE_PROPOSED: _("Review the new time"),
    NotificationKind.CALL_REMINDER_SOON: _("Go to the call lobby"),
    NotificationKind.PAYOUT_FAILED: _("Check your bank account"),
    NotificationKind.REVIEW_RECEIVED: _("Read the review"),
    NotificationKind.REVIEW_REPLIED: _("Read the reply"),
}
_DEFAULT_ACTION = _("View on ProcusMeet")


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path else settings.SITE_URL + "/"


def _action_label(notification: Notification) -> str:
    if notification.kind == NotificationKind.ACCOUNT_SECURITY:
        return security.ACTIONS.get(notification.data.get("event"), _DEFAULT_ACTION)
    return _ACTIONS.get(notification.kind, _DEFAULT_ACTION)


def _templates(notification: Notification, extension: str) -> list[str]:
    """A kind's own template (which extends the common one) when it has one."""
    return [f"notifications/email/{notification.kind}.{extension}", f"notifications/email/notification.{extension}"]


def email_build(notification: Notification) -> EmailMultiAlternatives:
    """The message for ``notification`` (both parts, plus its invite or cancellation)."""
    context = {
        "notification": notification,
        "user": notification.user,
        "action_label": _action_label(notification),
        "action_url": absolute_url(notification.url),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        # A header is one line: a title built from a name typed with a line break in it
        # would otherwise make Django refuse to send (BadHeaderError) again and again.
        subject=" ".join(notification.title.split()),
        body=render_to_string(_templates(notification, "txt"), context),
        to=[notification.user.email],
    )
    message.attach_alternative(render_to_string(_templates(notification, "html"), context), "text/html")
    calendar = notification.data.get("calendar")
    if calendar:
        from calendars.invites import booking_invite_attachment

        attachment = booking_invite_attachment(
            booking_id=calendar["booking_id"], method=calendar["method"], viewer=notification.user
        )
        if attachment is not None:
            message.attach(attachment)
    return message


def notification_email_send(*, notification_id: int) -> bool:
    """Email the notification unless it was already emailed, its kind is turned off or
    the user cannot receive email; True when sent. Raises what the mail backend raises,
    so the task retries."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        user = notification.user
        if not user.is_active or not user.email or notification.kind in email_muted_kinds(user_id=user.pk):
            return False
        email_build(notification).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    logger.info("notification emailed id=%s kind=%s", notification.pk, notification.kind)
    return True
