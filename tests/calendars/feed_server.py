"""A local HTTP server publishing calendar feeds the way Google, Apple and Outlook do
(``text/calendar`` over HTTP), plus the ways they fail: hanging, errors, redirects."""

from dataclasses import dataclass, field

from tests.fakes.http_server import LocalHTTPServer, QuietHandler


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    hang: bool = False
    location: str = ""


@dataclass
class FeedServer(LocalHTTPServer):
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

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
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.hang:
                server._release.wait(10)
                return
            headers = {"Location": route.location} if route.location else {}
            self.send_body(route.status, route.body, "text/calendar; charset=utf-8", headers)

    return Handler
