"""``GET /api/v1/notifications/stream``: Server-Sent Events of the user's notifications.

An async view served by the ASGI server (uvicorn): an open stream costs a coroutine,
not a thread, and holds no database connection while it waits. Each event is

    id: <notification id>
    event: notification
    data: {"id", "kind", "title", "body", "url", "created_at", "read", "unread_count"}

so a reconnecting ``EventSource`` sends ``Last-Event-ID`` and gets exactly the
notifications it has not seen (ids only grow, see ``services._ids_in_commit_order``).
A read elsewhere sends ``event: unread`` (no id) with the new count; a quiet stream
gets a ``: ping`` comment every ``NOTIFICATIONS_SSE_HEARTBEAT_SECONDS``. At each
heartbeat the stream checks that its user may still read it (``stream_access``) and ends
after a logout, a revoked session or a deactivation. A stream lasts at most
``NOTIFICATIONS_SSE_MAX_SECONDS`` (and never past its access token), then the browser
reconnects and is authenticated afresh. Served by a WSGI server instead, it
answers what is pending and ends at once (long polling), so it never holds a thread.
"""

import json
import logging
import re
import time
import weakref

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.db import DatabaseError, connections
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from notifications import selectors
from notifications.hub import database, hub_for_loop
from notifications.stream_access import StreamAccess, authenticate
from procusmeet.responses import error_json

logger = logging.getLogger(__name__)

_EVENT_ID = re.compile(r"[0-9]{1,18}")


def _last_event_id(request, default: int) -> int:
    """Where to resume: the ``Last-Event-ID`` header of a reconnect, else ``?after=`` (the
    newest id the page already showed), else ``default`` (only what comes next)."""
    for raw in (request.headers.get("Last-Event-ID"), request.GET.get("after")):
        # ASCII digits only: str.isdigit() also takes "²", which int() refuses, and a
        # 5000-digit number is past int()'s limit; ids never need more than 18 digits.
        if raw is not None and _EVENT_ID.fullmatch(raw.strip()):
            return int(raw.strip())
    return default


def _event(notification, unread: int) -> str:
    data = {
        "id": notification.pk,
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "created_at": notification.created_at.isoformat(),
        "read": notification.read_at is not None,
        "unread_count": unread,
    }
    return f"id: {notification.pk}\nevent: notification\ndata: {json.dumps(data)}\n\n"


def _unread_event(unread: int) -> str:
    return f"event: unread\ndata: {json.dumps({'unread_count': unread})}\n\n"


def _changes(*, user_id: int, after_id: int, read_changed: bool) -> tuple[list, int | None]:
    """New notifications after ``after_id`` and the unread count (when anything changed)."""
    fresh = selectors.notifications_after(user_id=user_id, after_id=after_id)
    if not fresh and not read_changed:
        return [], None
    return fresh, selectors.unread_count(user_id=user_id)


async def _still_allowed(access: StreamAccess) -> bool:
    """Whether the user may still read this stream (see ``stream_access``); a database
    outage ends the stream as well, and the browser reconnects once it is back."""
    try:
        return await database(access.still_allowed)()
    except DatabaseError:
        logger.warning("notification stream ended: database unavailable", exc_info=True)
        return False


async def _events(*, access: StreamAccess, subscription, after_id: int, deadline: float):
    """Subscribed first (by the view), then replay: a notification saved in between wakes
    us, so the replay and the live part leave no gap (and ``id > after_id`` no repeat).

    Once a heartbeat the stream asks again whether its user may still read it, so a
    logout, a revoked session or a deactivation ends it within one heartbeat."""
    hub = hub_for_loop()
    heartbeat = settings.NOTIFICATIONS_SSE_HEARTBEAT_SECONDS
    checked_at = time.monotonic()  # authenticated just now
    try:
        yield f"retry: {settings.NOTIFICATIONS_SSE_RETRY_MS}\n: connected\n\n"
        read_changed = True  # the first answer always carries the current count
        while True:
            if time.monotonic() - checked_at >= heartbeat:  # a busy stream is checked too
                if not await _still_allowed(access):
                    return
                checked_at = time.monotonic()
            try:
                fresh, unread = await database(_changes)(
                    user_id=subscription.user_id, after_id=after_id, read_changed=read_changed
                )
            except DatabaseError:
                # End calmly: the browser reconnects with Last-Event-ID once it is back.
                logger.warning("notification stream ended: database unavailable", exc_info=True)
                return
            for notification in fresh:
                after_id = notification.pk
                yield _event(notification, unread)
            if unread is not None and not fresh:
                yield _unread_event(unread)
            if len(fresh) == selectors.REPLAY_BATCH:
                read_changed = False
                continue  # a long replay: the next batch before waiting
            if time.monotonic() - subscription.beat_at >= heartbeat:  # a busy stream is alive too
                await hub.heartbeat(subscription)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                if await subscription.wait(min(heartbeat, remaining)):
                    break
                # A quiet heartbeat: always check (waits may end a hair early).
                if not await _still_allowed(access):
                    return
                checked_at = time.monotonic()
                yield ": ping\n\n"
                await hub.heartbeat(subscription)
            read_changed, subscription.read_changed = subscription.read_changed, False
    finally:
        await hub.unsubscribe(subscription)


# Only GET is served, which CSRF never guards: exempt so that other methods get the 405
# below rather than the CSRF middleware's 403.
@csrf_exempt
async def notification_stream(request):
    if request.method != "GET":
        response = error_json(405, "method_not_allowed", _("Only GET is allowed here."))
        response["Allow"] = "GET"
        return response
    access, refusal = await authenticate(request)
    if access is None:
        response = error_json(401, "not_authenticated", refusal)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
    user = access.user
    hub = hub_for_loop()
    subscription = await hub.subscribe(user.pk)
    if subscription is None:
        response = error_json(
            429, "too_many_streams", _("Too many open notification streams. Close another tab or window.")
        )
        response["Retry-After"] = str(settings.NOTIFICATIONS_SSE_HEARTBEAT_SECONDS)
        return response
    try:
        latest = (await database(selectors.bell_summary)(user_id=user.pk))["latest_id"]
        # The request's own connection (session, user) is not needed while the stream waits.
        await sync_to_async(connections.close_all)()
    except BaseException:  # a database error, or the client left: give the place back
        await hub.unsubscribe(subscription)
        raise
    # An id from the future (another database, a made-up header) would silence the stream.
    after_id = min(_last_event_id(request, latest), latest)
    lifetime = settings.NOTIFICATIONS_SSE_MAX_SECONDS
    if not isinstance(request, ASGIRequest):
        # Under WSGI (runserver, the test client) a waiting stream would hold a thread:
        # answer what is pending and end; EventSource reconnects after ``retry``.
        lifetime = 0
    if access.expires_at is not None:
        lifetime = min(lifetime, access.expires_at - time.time())
    events = _events(access=access, subscription=subscription, after_id=after_id, deadline=time.monotonic() + lifetime)
    # A client gone before its stream started never runs the stream's ``finally``.
    weakref.finalize(events, hub.forget, subscription)
    response = StreamingHttpResponse(events, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx and friends must not buffer the stream
    return response
