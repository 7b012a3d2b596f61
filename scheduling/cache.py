"""Cached slot answers, invalidated per expert by a version token.

Every answer is stored with the expert's version it was computed under; any change that
can alter the expert's slots (rules, weekly ranges, overrides, areas, bookings, hiding
the expert) calls ``slots_cache_invalidate``, which replaces the version so every older
answer is ignored at once (no key scans, works on every cache backend).
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from procusmeet.db_router import replica_in_use

# Short enough that a slot freed or closed by something we do not hear about (an
# external calendar, the horizon moving forward) shows up within minutes; the minimum
# notice is re-applied on every read, so time passing never serves a too-early slot.
SLOTS_TTL_SECONDS = 300
# Answers are also keyed by the 5-minute bucket of the "now" they were computed for, so
# a request for another moment (a test's frozen clock, a long-lived entry) recomputes.
CACHE_BUCKET_SECONDS = 300
_VERSION_TTL_SECONDS = 7 * 24 * 3600


def _version_key(expert_id: int) -> str:
    return f"slots:version:{expert_id}"


def _bump(expert_id: int) -> None:
    cache.set(_version_key(expert_id), uuid.uuid4().hex, _VERSION_TTL_SECONDS)


def slots_cache_invalidate(*, expert_id: int) -> None:
    """Forget every cached slot answer of this expert.

    Bumped now (so later reads in the same transaction, and tests, see the change) and
    again after commit: a reader that fetched the first new version before our commit
    could otherwise cache pre-commit data under it.
    """
    _bump(expert_id)
    transaction.on_commit(lambda: _bump(expert_id))


def slots_cached(*, expert_id: int, parts: tuple, compute: Callable[[], Any]) -> Any:
    """The cached answer for ``parts`` if it was computed under the expert's current
    version, else ``compute()`` (stored for next time).

    The version and the answer are fetched in one round trip; the answer carries the
    version it was computed under.
    """
    version_key = _version_key(expert_id)
    key = _answer_key(expert_id, parts)
    found = cache.get_many([version_key, key])
    version = found.get(version_key) or _version_first(expert_id)
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    answer = compute()
    cache.set(key, (version, answer), _ttl())
    return answer


def slots_cached_many(
    *,
    parts: dict[int, tuple],
    compute: Callable[[list[int]], dict[int, Any]],
    usable: Callable[[int, Any], bool] = lambda expert_id, answer: True,
) -> dict[int, Any]:
    """``slots_cached`` for many experts in one cache round trip (a directory page).

    ``parts`` maps expert ids to their key parts; ``compute(ids)`` answers every expert
    whose answer is missing, stale (older version) or not ``usable`` any more, in one
    call, so its database work can be batched too.
    """
    keys = {expert_id: _answer_key(expert_id, expert_parts) for expert_id, expert_parts in parts.items()}
    found = cache.get_many([*map(_version_key, parts), *keys.values()])
    answers, missing = {}, []
    for expert_id, key in keys.items():
        version = found.get(_version_key(expert_id)) or _version_first(expert_id)
        stored = found.get(key)
        if stored is not None and stored[0] == version and usable(expert_id, stored[1]):
            answers[expert_id] = stored[1]
        else:
            missing.append((expert_id, version))
    if missing:
        computed = compute([expert_id for expert_id, _version in missing])
        cache.set_many({keys[expert_id]: (version, computed[expert_id]) for expert_id, version in missing}, _ttl())
        answers.update(computed)
    return answers


def _answer_key(expert_id: int, parts: tuple) -> str:
    return "slots:" + ":".join(str(part) for part in (expert_id, *parts))


def _version_first(expert_id: int) -> str:
    """A version for an expert the cache has none for; add(): a concurrent first reader
    or an invalidation may have set it already, and theirs wins."""
    version = uuid.uuid4().hex
    if not cache.add(_version_key(expert_id), version, _VERSION_TTL_SECONDS):
        version = cache.get(_version_key(expert_id)) or version
    return version


def _ttl() -> int:
    # An answer computed on a read replica may predate a booking the primary already has
    # (replica lag): keep it only as long as a writer reads from the primary anyway.
    if replica_in_use():
        return min(SLOTS_TTL_SECONDS, settings.DATABASE_REPLICA_STICKY_SECONDS)
    return SLOTS_TTL_SECONDS
