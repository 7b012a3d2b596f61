"""API sign-in with a Google OAuth access token (SPEC §1).

The token is verified by asking Google's userinfo endpoint who it belongs to. The user
is then found by their Google account id (``sub``, the same ``SocialAccount`` row the
web sign-in through allauth uses), else an existing user is linked by a verified email,
else a user and the profile of the requested role are created in one transaction.
"""

from dataclasses import asdict, dataclass

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.errors import AccountInactive, EmailTaken, GoogleEmailUnverified
from accounts.google import GoogleUserInfo, GoogleUserInfoClient
from accounts.models import Role, User
from accounts.services import user_create
from accounts.tokens import TokenPair, session_start, sessions_revoke_all
from procusmeet.api.errors import ApplicationError

PROVIDER = "google"


@dataclass(frozen=True)
class GoogleLogin:
    user: User
    tokens: TokenPair
    created: bool


def google_login(
    *,
    access_token: str,
    role: str | None = None,
    user_agent: str = "",
    ip: str | None = None,
    client: GoogleUserInfoClient | None = None,
) -> GoogleLogin:
    """Verify a Google access token and open an API session for its owner.

    ``role`` is needed only when a new user is created. Raises GoogleTokenRejected,
    GoogleUnavailable, GoogleEmailUnverified or AccountInactive.
    """
    # The network call happens before any transaction opens, so a slow Google never
    # holds database locks.
    info = (client or GoogleUserInfoClient()).userinfo(access_token=access_token)
    try:
        return _login(info, role=role, user_agent=user_agent, ip=ip)
    except (IntegrityError, EmailTaken):
        # A simultaneous first sign-in of the same person created the user or the link
        # first; the second attempt finds it.
        return _login(info, role=role, user_agent=user_agent, ip=ip)


@transaction.atomic
def _login(info: GoogleUserInfo, *, role: str | None, user_agent: str, ip: str | None) -> GoogleLogin:
    account = SocialAccount.objects.select_related("user").filter(provider=PROVIDER, uid=info.sub).first()
    created = False
    if account is not None:
        user = _active(account.user)
        account.extra_data = asdict(info)
        account.save(update_fields=["extra_data", "last_login"])
    else:
        _require_verified_email(info)
        user = User.objects.filter(email__iexact=info.email).first()
        if user is not None:
            _link(_active(user), info)
        else:
            user, created = _create(info, role=role), True
    return GoogleLogin(user=user, tokens=session_start(user=user, user_agent=user_agent, ip=ip), created=created)


def _require_verified_email(info: GoogleUserInfo) -> None:
    if not info.email:
        raise GoogleEmailUnverified(_("The Google token does not share an email address; ask for the email scope."))
    if not info.email_verified:
        raise GoogleEmailUnverified(
            _("Google has not verified this account's email address, so it cannot be used to sign in.")
        )


def _active(user: User) -> User:
    if not user.is_active:
        raise AccountInactive(_("This account has been deactivated."))
    return user


@transaction.atomic
def google_email_owner_arrives(*, user: User, email: str) -> EmailAddress | None:
    """Google vouches that the person signing in owns ``email``, an address of ``user``.

    If that user never verified the address, whoever signed up with it may not own it
    (an attacker can pre-register a victim's address and wait): the password is wiped
    and every API session ends, so only the Google sign-in opens the account. Both the
    API's and the web's Google sign-in call this. Returns the user's row for the address.
    """
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None or not address.verified:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        sessions_revoke_all(user_id=user.pk)
    return address


def _link(user: User, info: GoogleUserInfo) -> None:
    """Attach the Google account to an existing user with the same verified email."""
    address = google_email_owner_arrives(user=user, email=info.email)
    _mark_verified(user, info.email, address)
    SocialAccount.objects.create(user=user, provider=PROVIDER, uid=info.sub, extra_data=asdict(info))


def _create(info: GoogleUserInfo, *, role: str | None) -> User:
    if role not in Role.values:
        message = _("Choose client or expert to create a new account.")
        raise ApplicationError(_("The request has invalid fields."), fields={"role": [message]})
    full_name = info.name.strip() or info.given_name.strip() or info.email.split("@")[0]
    user = user_create(email=info.email, full_name=full_name[:150], role=role, password=None)
    _mark_verified(user, info.email, EmailAddress.objects.get(user=user, email=user.email))
    SocialAccount.objects.create(user=user, provider=PROVIDER, uid=info.sub, extra_data=asdict(info))
    return user


def _mark_verified(user: User, email: str, address: EmailAddress | None) -> None:
    """Google vouches for the address: record it verified for allauth's web flows."""
    if address is not None:
        address.verified = True
        address.save(update_fields=["verified"])
        return
    has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=not has_primary)
