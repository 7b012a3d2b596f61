"""Read replica routing (SPEC §11): read-only pages read from ``DATABASE_REPLICA_URL``.

``ReplicaReadsMiddleware`` decides per request: a GET or HEAD of a view named in
``settings.DATABASE_REPLICA_VIEWS`` (directory, public profiles, slots) reads from the
``replica`` alias, unless the visitor wrote something in the last
``DATABASE_REPLICA_STICKY_SECONDS`` (read-your-writes: a replica lags behind, and the
client who just booked must not see their slot still free). Every write, and every
other read, goes to ``default``.

Who "wrote recently" is remembered two ways, so browsers and API clients both count:
a short-lived cookie set on the answer to any POST/PUT/PATCH/DELETE, and a cache key
(shared by all web processes) for the request's ``Authorization`` header, which API
clients send again on their next read while they may not keep cookies.
"""

import contextvars
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections

logger = logging.getLogger(__name__)
REPLICA = "replica"
RECENT_WRITE_COOKIE = "procusmeet_recent_write"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Who the visitor is and what they may do is always read from the primary: a session
# just created, a user just deactivated or a token just revoked must count at once.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "admin", "contenttypes", "account", "socialaccount", "ops"})
PRIMARY_ONLY_MODELS = frozenset({"accounts.user", "accounts.refreshsession"})

_replica_reads = contextvars.ContextVar("replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_in_use() -> bool:
    """True while this request's reads go to the replica (callers may cache less)."""
    return _replica_reads.get() and replica_configured()


class ReplicaRouter:
    """Writes and migrations: ``default``. Reads: the replica only while the middleware
    allows it for this request, outside a transaction, and not for identity data."""

    def db_for_read(self, model, **hints):
        if not replica_in_use() or connections["default"].in_atomic_block:
            return None  # a read inside a transaction must see that transaction's writes
        if model._meta.app_label in PRIMARY_ONLY_APPS or model._meta.label_lower in PRIMARY_ONLY_MODELS:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as default

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


def _credentials_key(request) -> str | None:
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    return "recent-write:" + hashlib.sha256(header.encode()).hexdigest()


def _wrote_recently(request) -> bool:
    if RECENT_WRITE_COOKIE in request.COOKIES:
        return True
    key = _credentials_key(request)
    if key is None:
        return False
    try:
        return cache.get(key) is not None
    except Exception:  # cache down: read from the primary, which is never stale
        logger.warning("recent-write mark unreadable; reading from the primary", exc_info=True)
        return True


def _remember_write(request, response) -> None:
    seconds = settings.DATABASE_REPLICA_STICKY_SECONDS
    response.set_cookie(
        RECENT_WRITE_COOKIE, "1", max_age=seconds, httponly=True, samesite="Lax", secure=request.is_secure()
    )
    key = _credentials_key(request)
    if key is not None:
        try:
            cache.set(key, 1, seconds)
        except Exception:  # a cache outage must not fail a write that succeeded
            logger.warning("recent-write mark not stored in the cache", exc_info=True)


class ReplicaReadsMiddleware:
    """Turns replica reads on for the allowed views (after URL resolution) and
    remembers writers. Without a replica configured it does nothing at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        # Set and cleared explicitly (no reset token): the request may cross threads.
        _replica_reads.set(False)
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.set(False)
        if request.method not in SAFE_METHODS:
            _remember_write(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            replica_configured()
            and request.method in SAFE_METHODS
            and request.resolver_match.view_name in settings.DATABASE_REPLICA_VIEWS
            and not _wrote_recently(request)
        ):
            _replica_reads.set(True)
