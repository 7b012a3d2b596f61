"""A LiveKit address that is up but refuses every browser: livekit-server's answer to a
bad or expired token is HTTP 401 on the signal WebSocket (``/rtc``, ``/rtc/v1``) and on
``…/validate``, which livekit-client asks to learn why the WebSocket failed."""

from dataclasses import dataclass, field

from tests.fakes.http_server import LocalHTTPServer, QuietHandler


@dataclass
class RefusingLiveKit(LocalHTTPServer):
    paths: list[str] = field(default_factory=list)

    def handler_class(self) -> type[QuietHandler]:
        return _handler_for(self)

    @property
    def ws_url(self) -> str:
        return self.origin.replace("http://", "ws://", 1)


def _handler_for(fake: RefusingLiveKit) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            fake.paths.append(self.path.split("?", 1)[0])
            if self.path.startswith("/rtc"):
                status, body = 401, b"invalid token: token is expired"
            else:
                status, body = 404, b"not found"
            # livekit-server answers CORS so the browser may read why it was refused.
            self.send_body(status, body, "text/plain", {"Access-Control-Allow-Origin": "*"})

    return Handler
