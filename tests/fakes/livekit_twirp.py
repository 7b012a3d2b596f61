"""A local stand-in for LiveKit's server API and webhooks, for tests.

``FakeLiveKit`` answers ``POST /twirp/livekit.RoomService/{DeleteRoom,ListParticipants}``
the way livekit-server does: protobuf bodies in and out, an ``Authorization: Bearer <jwt>``
signed with the API secret and carrying the grant livekit-api sends for that method,
and Twirp's JSON error body (``{"code", "msg"}``) on failure. ``signed_webhook`` builds
a webhook request exactly as livekit-server signs one.
"""

import base64
import hashlib
import json
import socket
from dataclasses import dataclass, field
from datetime import timedelta

from google.protobuf.json_format import MessageToJson
from livekit import api

from tests.fakes.http_server import LocalHTTPServer, QuietHandler

TWIRP_PREFIX = "/twirp/livekit.RoomService/"


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    room: str
    grants: api.VideoGrants


@dataclass
class FakeLiveKit(LocalHTTPServer):
    """Start with ``with FakeLiveKit(api_key=..., api_secret=...) as fake:``.

    ``error`` set to ``(http_status, twirp_code, message)`` makes every call fail that way;
    ``participants`` maps a room name to the identities ListParticipants reports.
    """

    api_key: str
    api_secret: str
    error: tuple[int, str, str] | None = None
    participants: dict[str, list[str]] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)

    def handler_class(self) -> type[QuietHandler]:
        return _handler_for(self)

    @property
    def url(self) -> str:
        """The server API address (what ``LIVEKIT_API_URL`` would be)."""
        return self.origin

    @property
    def ws_url(self) -> str:
        """The same host as browsers would be given it (``LIVEKIT_URL``)."""
        return self.url.replace("http://", "ws://", 1)

    def refuse_with_not_found(self) -> None:
        self.error = (404, "not_found", "requested room does not exist")


def closed_port_url(scheme: str = "http") -> str:
    """An address on this machine where nothing listens (connection refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"{scheme}://127.0.0.1:{port}"


def signed_webhook(event: api.WebhookEvent, *, api_key: str, api_secret: str) -> tuple[str, str]:
    """``(body, authorization_header)`` as livekit-server sends a webhook: the header is a
    JWT signed with the API secret whose ``sha256`` claim is the base64 SHA-256 of the body."""
    body = MessageToJson(event)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    token = api.AccessToken(api_key, api_secret).with_sha256(digest).with_ttl(timedelta(minutes=5)).to_jwt()
    return body, token


def webhook_event(kind: str, *, room: str, identity: str = "", event_id: str = "", created_at: int = 0) -> api.WebhookEvent:
    """A WebhookEvent like livekit-server's (``participant_joined``, ``room_finished``, …)."""
    event = api.WebhookEvent(event=kind, id=event_id or f"EV_{kind}_{identity or room}", created_at=created_at)
    event.room.name = room
    if identity:
        event.participant.identity = identity
    return event


def _handler_for(fake: FakeLiveKit) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            method = self.path.removeprefix(TWIRP_PREFIX)
            if not self.path.startswith(TWIRP_PREFIX) or method not in _METHODS:
                return self._twirp_error(404, "bad_route", f"no handler for {self.path}")
            if self.headers.get("Content-Type") != "application/protobuf":
                return self._twirp_error(400, "malformed", "expected application/protobuf")
            request_class, answer = _METHODS[method]
            request = request_class.FromString(body)
            grants = self._verified_grants()
            if grants is None:
                return self._twirp_error(401, "unauthenticated", "invalid token")
            fake.requests.append(RecordedRequest(method=method, room=request.room, grants=grants))
            if not _GRANT_CHECKS[method](grants, request.room):
                return self._twirp_error(403, "permission_denied", "permissions denied")
            if fake.error:
                return self._twirp_error(*fake.error)
            self.send_body(200, answer(fake, request).SerializeToString(), "application/protobuf")

        def _verified_grants(self) -> api.VideoGrants | None:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                return api.TokenVerifier(fake.api_key, fake.api_secret).verify(token).video
            except Exception:  # noqa: BLE001 - any verification failure is a 401, as in livekit-server
                return None

        def _twirp_error(self, status: int, code: str, message: str) -> None:
            self.send_body(status, json.dumps({"code": code, "msg": message}).encode(), "application/json")

    return Handler


def _delete_room(fake: FakeLiveKit, request: api.DeleteRoomRequest) -> api.DeleteRoomResponse:
    return api.DeleteRoomResponse()


def _list_participants(fake: FakeLiveKit, request: api.ListParticipantsRequest) -> api.ListParticipantsResponse:
    identities = fake.participants.get(request.room, [])
    return api.ListParticipantsResponse(participants=[api.ParticipantInfo(identity=i) for i in identities])


_METHODS = {
    "DeleteRoom": (api.DeleteRoomRequest, _delete_room),
    "ListParticipants": (api.ListParticipantsRequest, _list_participants),
}
# livekit-server: DeleteRoom needs roomCreate; ListParticipants needs roomAdmin on that room.
_GRANT_CHECKS = {
    "DeleteRoom": lambda grants, room: bool(grants.room_create),
    "ListParticipants": lambda grants, room: bool(grants.room_admin) and grants.room == room,
}
