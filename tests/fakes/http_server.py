"""What the local stand-ins for outside services share: a real HTTP server on a free port
of 127.0.0.1, served from a thread for the length of a ``with`` block, and a handler that
answers with a body and keeps test output quiet."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class LocalHTTPServer:
    """Base of the fakes: ``with Fake(...) as fake:`` serves ``fake.handler_class()``.

    A fake that makes requests hang waits on ``_release``; leaving the block sets it first,
    so no request outlives the test (handler threads are daemons, in case one still does).
    """

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler_class())
        self._server.daemon_threads = True
        # A short poll interval makes shutdown (every test's teardown) quick.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:<port>``, the port the server was given."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"


class QuietHandler(BaseHTTPRequestHandler):
    def send_body(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        """Answer ``status`` with ``body`` (and its length), plus any extra ``headers``."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        """Keep test output clean; the fakes record the requests they get instead."""
