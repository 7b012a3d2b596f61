"""LiveKit behind one small client: access tokens for the browser, webhook
verification, and the room-service calls our server makes (through ``livekit-api``).

``LIVEKIT_URL`` is the ws(s):// address browsers connect to; the server API lives on
the same host over http(s) unless ``LIVEKIT_API_URL`` says otherwise (a private
address inside the cluster, or a local fake in tests).
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from asgiref.sync import async_to_sync
from django.conf import settings
from google.protobuf.json_format import ParseError
from livekit import api

from calls.errors import LiveKitNotConfigured, WebhookPayloadInvalid, WebhookSignatureInvalid

logger = logging.getLogger(__name__)

_HTTP_SCHEME_FOR = {"ws": "http", "wss": "https"}


def room_name_for_booking(booking_id: int) -> str:
    """One LiveKit room per booking, so a token for one booking opens no other room."""
    return f"booking-{booking_id}"


def booking_id_for_room(room: str) -> int | None:
    """The booking a room was named after, or None for a room that is not exactly one of
    ours (``room_name_for_booking``'s spelling: ASCII digits, no leading zero)."""
    prefix, _, number = room.partition("-")
    if prefix != "booking":
        return None
    return id_spelled(number)


def id_spelled(value: str) -> int | None:
    """The positive id that ``str(pk)`` spells (a room's booking, a token's identity), or
    None: ``str.isdigit`` alone lets through "²" (which int() refuses) and other
    scripts' digits (which int() would read as one of our ids)."""
    if not (value.isascii() and value.isdigit()) or value.startswith("0"):
        return None
    return int(value)


def server_api_url(url: str) -> str:
    """The http(s) address of the server API on the host of a ws(s):// LiveKit URL."""
    parts = urlsplit(url)
    scheme = _HTTP_SCHEME_FOR.get(parts.scheme, parts.scheme)
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True)
class LiveKitClient:
    url: str
    api_key: str
    api_secret: str
    api_url: str = ""
    timeout_seconds: float = 5.0

    @classmethod
    def from_settings(cls) -> "LiveKitClient":
        return cls(
            url=settings.LIVEKIT_URL,
            api_key=settings.LIVEKIT_API_KEY,
            api_secret=settings.LIVEKIT_API_SECRET,
            api_url=settings.LIVEKIT_API_URL,
            timeout_seconds=settings.LIVEKIT_TIMEOUT_SECONDS,
        )

    @property
    def configured(self) -> bool:
        return bool(self.url and self.api_key and self.api_secret)

    @property
    def server_url(self) -> str:
        return self.api_url or server_api_url(self.url)

    def token_create(self, *, room: str, identity: str, name: str, ttl_minutes: int) -> str:
        """A JWT that lets one person join, publish, subscribe and chat in one room."""
        self._require_configured()
        if ttl_minutes <= 0:
            raise ValueError("ttl_minutes must be positive")
        grants = api.VideoGrants(
            room_join=True, room=room, can_publish=True, can_subscribe=True, can_publish_data=True
        )
        return (
            api.AccessToken(self.api_key, self.api_secret)
            .with_identity(str(identity))
            .with_name(name)
            .with_ttl(timedelta(minutes=ttl_minutes))
            .with_grants(grants)
            .to_jwt()
        )

    def webhook_receive(self, body: str, auth_header: str) -> api.WebhookEvent:
        """The verified event; raises WebhookSignatureInvalid or WebhookPayloadInvalid."""
        # LiveKit sends the bare JWT; accept a "Bearer " prefix from proxies and tools too.
        token = auth_header.removeprefix("Bearer ").strip()
        if not token:  # unsigned: refused whether or not LiveKit is configured
            raise WebhookSignatureInvalid()
        self._require_configured()
        receiver = api.WebhookReceiver(api.TokenVerifier(self.api_key, self.api_secret))
        try:
            return receiver.receive(body, token)
        except ParseError as exc:
            raise WebhookPayloadInvalid() from exc
        except Exception as exc:
            # livekit-api signals a bad JWT with PyJWT errors and a tampered body with a
            # plain Exception("hash mismatch"): every one of them means "not from LiveKit".
            logger.warning("livekit webhook rejected: %s", exc.__class__.__name__)
            raise WebhookSignatureInvalid() from exc

    def room_delete(self, room: str) -> bool:
        """Close the room and disconnect everyone, best effort: True when LiveKit
        confirmed it, False (logged, never raised) when it could not be reached or refused."""
        if not self.configured:
            logger.info("livekit not configured; room %s not closed", room)
            return False
        try:
            async_to_sync(self._room_delete)(room)
        except api.TwirpError as exc:
            logger.warning("livekit refused to delete room %s: %s %s", room, exc.code, exc.message)
            return False
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            logger.warning("livekit unreachable deleting room %s: %s", room, exc.__class__.__name__)
            return False
        return True

    async def _room_delete(self, room: str) -> None:
        # livekit-api passes timeout=None to each aiohttp request, which switches the
        # session's timeout off, so the deadline is enforced around the whole call.
        async with asyncio.timeout(self.timeout_seconds):
            async with api.LiveKitAPI(self.server_url, self.api_key, self.api_secret) as lkapi:
                await lkapi.room.delete_room(api.DeleteRoomRequest(room=room))

    def _require_configured(self) -> None:
        if not self.configured:
            raise LiveKitNotConfigured()
