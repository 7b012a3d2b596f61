"""A local HTTP server publishing calendar feeds the way Google, Apple and Outlook do
(``text/calendar`` over HTTP, gzipped or not), plus the ways they fail: hanging,
trickling, errors, redirects."""

import gzip
from dataclasses import dataclass, field

from tests.fakes.http_server import LocalHTTPServer, QuietHandler


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    hang: bool = False
    location: str = ""
    gzip: bool = False  # the body is sent gzip-encoded (compressed once, when published)
    # Send the body a byte at a time, each well within any read timeout, then hang up
    # one byte short of the announced length (like a server that stalls and drops).
    trickle: bool = False

    def __post_init__(self) -> None:
        if self.gzip:
            self.body = gzip.compress(self.body)


@dataclass
class FeedServer(LocalHTTPServer):
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)  # the Host header of each request

    def handler_class(self) -> type[QuietHandler]:
        return _handler_for(self)

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    def publish(self, path: str, body: bytes | str, **options) -> str:
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)


def _handler_for(server: FeedServer) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self):
            server.requests.append(self.path)
            server.hosts.append(self.headers.get("Host", ""))
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.hang:
                server._release.wait(10)
                return
            if route.trickle:
                self._trickle(route.body)
                return
            headers = {"Location": route.location} if route.location else {}
            if route.gzip:
                headers["Content-Encoding"] = "gzip"
            self.send_body(route.status, route.body, "text/calendar; charset=utf-8", headers)

        def _trickle(self, body: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(body) + 1))
            self.end_headers()
            for byte in body:
                if server._release.wait(0.2):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:  # the reader gave up
                    return

    return Handler
