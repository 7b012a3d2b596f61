"""Tell every open stream of a user to look again (called after commit, from any process).

With ``REDIS_URL`` the wake-up is published on Redis and every web process's hub hears
it; without it, this process's own hub is woken directly and other processes find the
new rows by polling (``notifications.hub``). The message carries only the user id and
what changed, never the notification itself.
"""

import functools
import json
import logging

from django.conf import settings

from notifications import hub

logger = logging.getLogger(__name__)


@functools.cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def streams_wake(*, user_id: int, what: str = hub.NEW) -> None:
    """Wake the user's streams everywhere; never raises (the rows are already saved and
    streams catch up on their next wake-up or reconnect)."""
    if settings.REDIS_URL:
        try:
            _redis(settings.REDIS_URL).publish(hub.channel_name(), json.dumps({"user": user_id, "what": what}))
            return
        except Exception:
            logger.warning("notification fan-out through redis failed; waking local streams only", exc_info=True)
    hub.local_wake(user_id, what)
