"""API sessions: HS256 access/refresh JWT pairs with server-side refresh records.

A refresh token is stored only as its SHA-256 hash (``RefreshSession``). Refreshing
rotates the pair: the session row gets the new hash, so the old token stops working.
A refresh token that is validly signed and unexpired, whose session still exists but
holds another hash, has already been rotated: someone else holds the newer token, so it
is treated as stolen and every session of that user is revoked (SPEC §1). A token whose
session has ended (logged out, revoked from another device, expired) is only refused:
the app of a revoked phone refreshing must not sign its owner out everywhere else.

Both tokens carry the session id (``sid``). The session row, and so its id, survives
rotation, so it names the sign-in across refreshes; the access token is refused as soon
as its session row is gone (``accounts.authentication``), which makes logout, "log out
everywhere", revoking a session and reuse detection take effect at once.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.authentication import SESSION_CLAIM
from accounts.errors import InvalidRefreshToken
from accounts.models import RefreshSession, User
from notifications.security import sessions_reused_alert
from procusmeet.api.errors import NotFound


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    session: RefreshSession


def token_hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


def _refresh_lifetime():
    return settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]


def _issue(user: User, session_id: int) -> tuple[str, str]:
    access = AccessToken()
    access["user_id"] = user.pk
    access["email"] = user.email
    access["role"] = user.role
    access[SESSION_CLAIM] = session_id
    refresh = RefreshToken()
    refresh["user_id"] = user.pk
    refresh[SESSION_CLAIM] = session_id
    return str(access), str(refresh)


@transaction.atomic
def session_start(*, user: User, user_agent: str = "", ip: str | None = None) -> TokenPair:
    """Open a new API session for a user who just proved who they are."""
    now = timezone.now()
    session = RefreshSession.objects.create(
        user=user,
        # A unique placeholder until the token, which needs the session id, exists.
        token_hash=f"pending-{secrets.token_hex(16)}",
        expires_at=now + _refresh_lifetime(),
        last_used_at=now,
        user_agent=user_agent[:300],
        ip=ip or None,
    )
    access, refresh = _issue(user, session.pk)
    session.token_hash = token_hash(refresh)
    session.save(update_fields=["token_hash"])
    return TokenPair(access=access, refresh=refresh, session=session)


def _decode_refresh(raw_token: str) -> RefreshToken:
    try:
        return RefreshToken(raw_token)
    except TokenError as exc:
        raise InvalidRefreshToken(_("The refresh token is invalid or expired.")) from exc


def session_refresh(*, raw_token: str, user_agent: str = "", ip: str | None = None) -> TokenPair:
    """Rotate a refresh token. Reuse of a rotated token revokes all the user's sessions."""
    claims = _decode_refresh(raw_token)
    with transaction.atomic():
        session = (
            RefreshSession.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=token_hash(raw_token))
            .first()
        )
        if session is None:
            # Only the request that actually ended the sessions tells the owner: replays
            # racing it find nothing left to delete.
            if _session_rotated_past(claims) and sessions_revoke_all(user_id=claims["user_id"]):
                sessions_reused_alert(user=User.objects.get(pk=claims["user_id"]))
        elif session.expires_at <= timezone.now() or not session.user.is_active:
            session.delete()
        else:
            return _rotate(session, user_agent=user_agent, ip=ip)
    raise InvalidRefreshToken(_("The refresh token is no longer valid. Please sign in again."))


def _session_rotated_past(claims: RefreshToken) -> bool:
    """Whether the token's session is still open under a newer token."""
    session_id, user_id = claims.get(SESSION_CLAIM), claims.get("user_id")
    if type(session_id) is not int or type(user_id) is not int:
        return False
    return RefreshSession.objects.filter(pk=session_id, user_id=user_id).exists()


def _rotate(session: RefreshSession, *, user_agent: str, ip: str | None) -> TokenPair:
    now = timezone.now()
    access, refresh = _issue(session.user, session.pk)
    session.token_hash = token_hash(refresh)
    session.last_used_at = now
    session.expires_at = now + _refresh_lifetime()
    session.user_agent = (user_agent or session.user_agent)[:300]
    session.ip = ip or session.ip
    session.save(update_fields=["token_hash", "last_used_at", "expires_at", "user_agent", "ip"])
    return TokenPair(access=access, refresh=refresh, session=session)


@transaction.atomic
def session_end(
    *, user: User, raw_token: str | None = None, session_id: int | None = None, cookie_token: str | None = None
) -> None:
    """Log out.

    ``raw_token``, a refresh token the caller sent on purpose, names the session to end
    (another device's, say). Without it, or when it names none of the user's sessions
    (stale, garbage, someone else's), the caller's own session ends: the one of the
    access token used (``session_id``) and the one of the refresh cookie, which after a
    second sign-in in the same browser may be another session of this user.
    """
    sessions = RefreshSession.objects.filter(user=user)
    if raw_token and sessions.filter(token_hash=token_hash(raw_token)).delete()[0]:
        return
    hashes = [token_hash(cookie_token)] if cookie_token else []
    sessions.filter(Q(pk=session_id) | Q(token_hash__in=hashes)).delete()


def session_end_by_refresh_token(*, raw_token: str) -> None:
    """Log out with nothing but a refresh token (an expired or revoked access token).

    Holding the current refresh token already grants the session, so ending it needs no
    other proof; a rotated or garbage token matches no stored hash and ends nothing (and,
    unlike a refresh, must not trip reuse detection: it is a sign-out, not a replay).
    """
    RefreshSession.objects.filter(token_hash=token_hash(raw_token)).delete()


@transaction.atomic
def session_revoke(*, user: User, session_id: int) -> None:
    """Revoke one of the user's own sessions; another user's id is simply not found."""
    deleted, _rows = RefreshSession.objects.filter(user=user, pk=session_id).delete()
    if not deleted:
        raise NotFound(_("No such session."))


@transaction.atomic
def sessions_revoke_all(*, user_id: int | None) -> int:
    """Log a user out everywhere; returns how many sessions ended."""
    if user_id is None:
        return 0
    deleted, _rows = RefreshSession.objects.filter(user_id=user_id).delete()
    return deleted
