"""A local stand-in for Google's OpenID Connect userinfo endpoint, for tests.

``FakeGoogleUserinfo`` answers ``GET /v1/userinfo`` the way
``openidconnect.googleapis.com`` does: the access token comes in an
``Authorization: Bearer <token>`` header; a known token gets ``200`` with the standard
claims (``sub``, ``email``, ``email_verified``, ``name``, ``given_name``, ``picture``);
an unknown or missing one gets ``401`` with a ``WWW-Authenticate`` challenge and an
``{"error": "invalid_token", ...}`` body.
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

USERINFO_PATH = "/v1/userinfo"


@dataclass
class FakeGoogleUserinfo:
    """Start with ``with FakeGoogleUserinfo() as fake:``; register tokens with ``grant``.

    ``failure_status`` set to e.g. 503 makes every request fail with that status;
    ``hang()`` makes requests wait (until the fake stops) so clients hit their timeout.
    """

    tokens: dict[str, dict] = field(default_factory=dict)
    failure_status: int | None = None
    authorizations: list[str] = field(default_factory=list)
    _release: threading.Event = field(default_factory=threading.Event)
    _hanging: bool = False

    def __enter__(self) -> Self:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{USERINFO_PATH}"

    def grant(
        self,
        token: str,
        *,
        sub: str,
        email: str,
        email_verified: bool = True,
        name: str = "",
        given_name: str = "",
        picture: str = "https://lh3.googleusercontent.com/a/default-user",
    ) -> str:
        """Make ``token`` a valid access token of this Google account."""
        self.tokens[token] = {
            "sub": sub,
            "email": email,
            "email_verified": email_verified,
            "name": name,
            "given_name": given_name or name.split(" ")[0],
            "picture": picture,
        }
        return token

    def hang(self) -> None:
        self._hanging = True


def _handler_for(fake: FakeGoogleUserinfo):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] != USERINFO_PATH:
                return self._json(404, {"error": "not_found"})
            if fake._hanging:
                fake._release.wait(timeout=30)
                return None
            if fake.failure_status:
                return self._json(
                    fake.failure_status, {"error": {"code": fake.failure_status, "status": "UNAVAILABLE"}}
                )
            authorization = self.headers.get("Authorization", "")
            fake.authorizations.append(authorization)
            scheme, _space, token = authorization.partition(" ")
            claims = fake.tokens.get(token) if scheme == "Bearer" else None
            if claims is None:
                return self._invalid_token()
            return self._json(200, claims)

        def _invalid_token(self):
            self._json(
                401,
                {"error": "invalid_token", "error_description": "Invalid Credentials"},
                challenge='Bearer realm="https://accounts.google.com/", error="invalid_token"',
            )

        def _json(self, status: int, body: dict, challenge: str | None = None):
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(payload)))
            if challenge:
                self.send_header("WWW-Authenticate", challenge)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format, *args):  # keep test output quiet
            pass

    return Handler
