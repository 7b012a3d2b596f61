"""What people hear when the security of their own account changes: one function per event.

``accounts`` calls these inside the transaction of the change, so an alert exists exactly
when the change committed; ``notification_create`` sends the email after commit, and
the kind's email cannot be turned off (``MANDATORY_EMAIL_KINDS``). An alert says what
happened and what to do if it was not the owner; it never carries a token, a password
or a link that signs anyone in. Signing out everywhere by choice raises none: the
person did it themselves on the account page, like Google and GitHub do.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Notification
from notifications.models import NotificationKind as Kind
from notifications.services import notification_create

SESSIONS_REUSED = "sessions_reused"
PASSWORD_CHANGED = "password_changed"
PASSWORD_ADDED = "password_added"
PASSWORD_REMOVED = "password_removed"

# The email's button, by event (``data["event"]``): where the owner goes next.
ACTIONS = {
    SESSIONS_REUSED: gettext_lazy("Review your account"),
    PASSWORD_CHANGED: gettext_lazy("Reset your password"),
    PASSWORD_ADDED: gettext_lazy("Reset your password"),
    PASSWORD_REMOVED: gettext_lazy("Reset your password"),
}


def _alert(*, user, event: str, title: str, body: str, url: str) -> Notification:
    return notification_create(user=user, kind=Kind.ACCOUNT_SECURITY, title=title, body=body, url=url, data={"event": event})


def sessions_reused_alert(*, user) -> Notification:
    """An already-rotated refresh token came back: every session of ``user`` was revoked."""
    return _alert(
        user=user,
        event=SESSIONS_REUSED,
        title=_("We signed you out everywhere to protect your account"),
        body=_(
            "An app used an old sign-in of your account that had already been replaced, "
            "which can mean someone copied it. To be safe we signed you out on every device "
            "and app; sign in again to carry on. If you don't recognise this, change your "
            "password and check your active sessions."
        ),
        url=reverse("account"),
    )


def password_changed_alert(*, user, had_password: bool, has_password: bool = True) -> Notification:
    """``user``'s password was changed, reset, added (first one) or removed by staff.

    The link is the reset page, which works signed out: someone who lost the account to
    this change can no longer sign in with their old password.
    """
    if not has_password:
        event, title = PASSWORD_REMOVED, _("The password of your ProcusMeet account was removed")
        what = _("Your account's password was removed, and you were signed out of every app.")
    elif had_password:
        event, title = PASSWORD_CHANGED, _("Your ProcusMeet password was changed")
        what = _("Your account's password was changed, and you were signed out of every app.")
    else:
        event, title = PASSWORD_ADDED, _("A password was added to your ProcusMeet account")
        what = _("Your account now has a password: you can also sign in with your email and it.")
    advice = _("If this was you, there is nothing else to do. If not, reset your password now.")
    return _alert(user=user, event=event, title=title, body=f"{what} {advice}", url=reverse("account_reset_password"))
