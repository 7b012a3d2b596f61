"""Changing the password from the API, as allauth's "Change password" page does: the
current password proves the person at the keyboard, the new one passes the same
validators, and ``user_password_set`` (the page's own path, through the adapter) stores
it, ends every session and alerts the owner."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_password_set
from accounts.services_deletion import WrongPassword
from accounts.tokens import TokenPair, session_start
from procusmeet.api.errors import ApplicationError


@transaction.atomic
def user_password_change(
    *, user: User, current_password: str, new_password: str, user_agent: str = "", ip: str | None = None
) -> TokenPair:
    """Change the password and answer a new session for this device: every other session
    ends, as the page keeps only the browser that changed it signed in."""
    if not user.has_usable_password():
        # Setting a first password proves nothing about who holds the token: that stays
        # on the web, behind the Google sign-in that made the account.
        raise WrongPassword(
            _("Your account has no password yet; set one on the web first."),
            fields={"current_password": [_("Your account has no password yet.")]},
        )
    if not user.check_password(current_password):
        message = _("The password is not right.")
        raise WrongPassword(message, fields={"current_password": [message]})
    try:
        validate_password(new_password, user=user)
    except DjangoValidationError as exc:
        raise ApplicationError(
            _("The request has invalid fields."), fields={"new_password": list(exc.messages)}
        ) from exc
    user_password_set(user=user, password=new_password)
    return session_start(user=user, user_agent=user_agent, ip=ip)
