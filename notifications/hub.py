"""The per-process hub that wakes open notification streams (SPEC §6: real time).

Every web process keeps one hub on its event loop. Streams subscribe with their user
id; a *wake-up* tells them "look again" and each stream then reads its own user's rows
(``id > last sent``), so a wake-up carries no data and a lost or extra one is harmless.

Wake-ups come from:
- ``notifications.fanout`` in this process (a notification created or read here);
- Redis pub/sub when ``REDIS_URL`` is set: every web process and the Celery worker
  publish, every hub listens, so a notification created anywhere reaches every
  process; after a lost Redis connection all local streams are woken to catch up;
- otherwise (the embedded default, no server) one indexed query per second on the
  primary key finds rows created by other processes (the worker) for this process's
  subscribers.

The hub also bounds the number of open streams per user, across processes when Redis
is there (a sorted set of stream ids scored by their last heartbeat).
"""

import asyncio
import contextlib
import itertools
import json
import logging
import time
import uuid

from asgiref.sync import sync_to_async
from django.conf import settings

from notifications import selectors

logger = logging.getLogger(__name__)

CHANNEL_SUFFIX = "notifications"
NEW, READ = "new", "read"


def channel_name() -> str:
    return f"{settings.NOTIFICATIONS_REDIS_PREFIX}:{CHANNEL_SUFFIX}"


def _streams_key(user_id: int) -> str:
    return f"{settings.NOTIFICATIONS_REDIS_PREFIX}:streams:{user_id}"


# Drop places not heartbeaten lately (a dead process's), then take one if there is room.
# KEYS[1] the user's sorted set; ARGV: stale before, limit, now, stream id, key TTL.
_TAKE_PLACE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


class Subscription:
    """One open stream: an event set on every wake-up, and whether a read happened."""

    _ids = itertools.count(1)

    def __init__(self, user_id: int):
        self.user_id = user_id
        self.id = f"{uuid.uuid4().hex}:{next(self._ids)}"
        self.read_changed = False
        self.beat_at = 0.0
        self._event = asyncio.Event()

    def wake(self, what: str) -> None:
        if what == READ:
            self.read_changed = True
        self._event.set()

    async def wait(self, timeout: float) -> bool:
        """True when woken within ``timeout`` seconds, False on a quiet timeout."""
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        self._event.clear()
        return True


class Hub:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.subscribers: dict[int, set[Subscription]] = {}
        self._source: asyncio.Task | None = None
        self._redis = None

    # --- subscribers ---------------------------------------------------------------------

    async def subscribe(self, user_id: int) -> Subscription | None:
        """A place for a new stream of ``user_id``, or None when they have the most open.

        The count is checked and the place taken in one step (no await in between here,
        one script on Redis), so streams opened at the same moment cannot all slip in."""
        limit = settings.NOTIFICATIONS_MAX_STREAMS_PER_USER
        if len(self.subscribers.get(user_id, ())) >= limit:
            return None
        subscription = Subscription(user_id)
        subscription.beat_at = time.monotonic()
        self.subscribers.setdefault(user_id, set()).add(subscription)
        if settings.REDIS_URL and not await self._redis_take_place(subscription, limit):
            await self.unsubscribe(subscription)
            return None
        self._ensure_source()
        return subscription

    async def _redis_take_place(self, subscription: Subscription, limit: int) -> bool:
        now, stale_after = time.time(), self._stale_after()
        try:
            taken = await self._redis_client().eval(
                _TAKE_PLACE, 1, _streams_key(subscription.user_id),
                now - stale_after, limit, now, subscription.id, int(stale_after) + 1,
            )  # fmt: skip
        except Exception:  # Redis down: the per-process bound still holds
            logger.warning("notification stream count unavailable in redis", exc_info=True)
            return True
        return bool(taken)

    def forget(self, subscription: Subscription) -> None:
        """Stop waking the stream here (its Redis place ages out unless ``unsubscribe``)."""
        group = self.subscribers.get(subscription.user_id, set())
        group.discard(subscription)
        if not group:
            self.subscribers.pop(subscription.user_id, None)

    async def unsubscribe(self, subscription: Subscription) -> None:
        self.forget(subscription)
        if settings.REDIS_URL:
            with contextlib.suppress(Exception):
                await self._redis_client().zrem(_streams_key(subscription.user_id), subscription.id)

    async def heartbeat(self, subscription: Subscription) -> None:
        """Keep the stream counted across processes (a dead process's streams age out)."""
        subscription.beat_at = time.monotonic()
        if not settings.REDIS_URL:
            return
        try:
            key = _streams_key(subscription.user_id)
            client = self._redis_client()
            await client.zadd(key, {subscription.id: time.time()})
            await client.expire(key, int(self._stale_after()) + 1)
        except Exception:
            logger.warning("notification stream heartbeat not recorded in redis", exc_info=True)

    def wake(self, user_id: int, what: str) -> None:
        for subscription in self.subscribers.get(user_id, ()):
            subscription.wake(what)

    def wake_everyone(self, *whats: str) -> None:
        for group in self.subscribers.values():
            for subscription in group:
                for what in whats:
                    subscription.wake(what)

    @staticmethod
    def _stale_after() -> float:
        return settings.NOTIFICATIONS_SSE_HEARTBEAT_SECONDS * 3

    # --- sources of wake-ups -------------------------------------------------------------------

    def _ensure_source(self) -> None:
        if self._source is None or self._source.done():
            watch = self._listen_redis if settings.REDIS_URL else self._poll_database
            self._source = self.loop.create_task(watch())

    def _redis_client(self):
        if self._redis is None:
            import redis.asyncio as aioredis

            self._redis = aioredis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
        return self._redis

    async def _listen_redis(self) -> None:
        """Listen for as long as this process has streams; reconnect with backoff."""
        delay, missed = 0.5, (NEW,)
        while self.subscribers:
            pubsub = self._redis_client().pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(channel_name())
                # Streams look again for whatever was published while nobody listened
                # (after a lost connection that includes reads).
                self.wake_everyone(*missed)
                delay, missed = 0.5, (NEW, READ)
                while self.subscribers:
                    message = await pubsub.get_message(timeout=1.0)
                    if message is not None:
                        self._deliver(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("notification fan-out lost redis; retrying in %.1fs", delay, exc_info=True)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    def _deliver(self, raw: bytes | str) -> None:
        try:
            message = json.loads(raw)
            self.wake(int(message["user"]), message.get("what", NEW))
        except (ValueError, KeyError, TypeError):
            logger.warning("ignored a malformed notification fan-out message")

    async def _poll_database(self) -> None:
        """One indexed query a second: which users got notifications since we last looked."""
        last_id = None
        while self.subscribers:
            try:
                if last_id is None:
                    last_id = await database(selectors.notification_latest_id)()
                    self.wake_everyone(NEW)  # streams that replayed before this baseline look again
                rows = await database(selectors.notification_users_since)(after_id=last_id)
            except Exception:  # the database is briefly away: streams wait, then catch up
                logger.warning("notification poll failed; retrying", exc_info=True)
                rows = []
            for notification_id, user_id in rows:
                last_id = max(last_id, notification_id)
                self.wake(user_id, NEW)
            await asyncio.sleep(settings.NOTIFICATIONS_POLL_SECONDS)


def database(function):
    """Run an ORM read off the event loop, on a pooled thread whose connection is
    recycled like a request's (a stream holds no connection between reads)."""

    def call(*args, **kwargs):
        from django.db import close_old_connections

        close_old_connections()
        return function(*args, **kwargs)

    return sync_to_async(call, thread_sensitive=False)


_hub: Hub | None = None


def hub_for_loop() -> Hub:
    """This process's hub, created on the running event loop the first time it is needed."""
    global _hub
    loop = asyncio.get_running_loop()
    if _hub is None or _hub.loop is not loop:
        _hub = Hub(loop)
    return _hub


def local_wake(user_id: int, what: str) -> None:
    """Wake this process's streams of ``user_id`` from any thread (a no-op without one)."""
    hub = _hub
    if hub is None or hub.loop.is_closed():
        return
    with contextlib.suppress(RuntimeError):  # the loop stopped in between
        hub.loop.call_soon_threadsafe(hub.wake, user_id, what)
