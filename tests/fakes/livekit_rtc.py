"""A LiveKit address that is up but refuses every browser: livekit-server's answer to a
bad or expired token is HTTP 401 on the signal WebSocket (``/rtc``, ``/rtc/v1``) and on
``…/validate``, which livekit-client asks to learn why the WebSocket failed."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass
class RefusingLiveKit:
    paths: list[str] = field(default_factory=list)

    def __enter__(self) -> Self:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def ws_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"ws://{host}:{port}"


def _handler_for(fake: RefusingLiveKit) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.paths.append(self.path.split("?", 1)[0])
            status = 401 if self.path.startswith("/rtc") else 404
            body = b"invalid token: token is expired" if status == 401 else b"not found"
            self.send_response(status)
            # livekit-server answers CORS so the browser may read why it was refused.
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            """Requests are recorded on the fake instead."""

    return Handler
