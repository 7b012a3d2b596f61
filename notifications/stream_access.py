"""Who may open a notification stream, and whether they still may while it is open.

A stream is authenticated once, at connect, by a bearer access token or by the web
pages' session cookie. It then stays open for minutes, so each stream also carries a
*still allowed* check that it runs on a pooled thread at every heartbeat: one query, and
the stream ends when the user was deactivated, the token's API session was revoked
(logout, "log out everywhere", reuse detection) or the web session was logged out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db.models import Subquery
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from rest_framework.exceptions import AuthenticationFailed

from accounts.authentication import ActiveUserJWTAuthentication
from accounts.models import User


@dataclass(frozen=True)
class StreamAccess:
    user: User
    expires_at: float | None  # the access token's expiry (epoch seconds); None for a session
    still_allowed: Callable[[], bool]  # sync, one query: run it via ``hub.database``


def token_still_allowed(validated_token) -> bool:
    """The bearer check of every API request again (user active, API session alive), in
    its one query."""
    try:
        ActiveUserJWTAuthentication().get_user(validated_token)
    except AuthenticationFailed:
        return False
    return True


def session_still_allowed(*, user_id: int, session_key: str) -> bool:
    """What ``django.contrib.auth.get_user`` checks for a web request, in one query: the
    session row is there and unexpired (logout deletes it), it still names this user
    through a configured backend, its password hash matches (a password change elsewhere
    signs it out), and the user is active.

    Reads the ``django_session`` table directly: the project keeps Django's default
    database session engine, where that table is the sessions' only store; with another
    engine the stream keeps the answer it got at connect (rather than ending every time)."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return True
    live = Session.objects.filter(session_key=session_key, expire_date__gt=timezone.now())
    user = User.objects.annotate(session_data=Subquery(live.values("session_data")[:1])).filter(pk=user_id).first()
    if user is None or not user.is_active or user.session_data is None:
        return False
    session = SessionStore().decode(user.session_data)
    if (
        session.get(SESSION_KEY) != str(user.pk)
        or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS
    ):
        return False
    session_hash = session.get(HASH_SESSION_KEY) or ""
    return bool(session_hash) and any(
        constant_time_compare(session_hash, known)
        for known in (user.get_session_auth_hash(), *user.get_session_auth_fallback_hash())
    )


def _bearer(request) -> StreamAccess | None:
    """The access of a valid bearer token, None without one; a bad token raises
    ``AuthenticationFailed``."""
    found = ActiveUserJWTAuthentication().authenticate(request)
    if found is None:
        return None
    user, token = found
    return StreamAccess(user, float(token["exp"]), partial(token_still_allowed, token))


async def authenticate(request) -> tuple[StreamAccess | None, str]:
    """``(access, "")``: a bearer token, else the session; ``(None, message)`` when neither."""
    if request.headers.get("Authorization"):
        try:
            found = await sync_to_async(_bearer)(request)
        except AuthenticationFailed as exc:
            return None, str(exc.detail)
        if found is not None:
            return found, ""
    user = await request.auser()
    if user.is_authenticated and user.is_active:
        check = partial(session_still_allowed, user_id=user.pk, session_key=request.session.session_key)
        return StreamAccess(user, None, check), ""
    return None, _("Authentication credentials were not provided.")
