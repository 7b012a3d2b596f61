"""A local stand-in for Google's OpenID Connect userinfo endpoint, for tests.

``FakeGoogleUserinfo`` answers ``GET /v1/userinfo`` the way
``openidconnect.googleapis.com`` does: the access token comes in an
``Authorization: Bearer <token>`` header; a known token gets ``200`` with the standard
claims (``sub``, ``email``, ``email_verified``, ``name``, ``given_name``, ``picture``);
an unknown or missing one gets ``401`` with a ``WWW-Authenticate`` challenge and an
``{"error": "invalid_token", ...}`` body.
"""

import json
from dataclasses import dataclass, field

from tests.fakes.http_server import LocalHTTPServer, QuietHandler

USERINFO_PATH = "/v1/userinfo"


@dataclass
class FakeGoogleUserinfo(LocalHTTPServer):
    """Start with ``with FakeGoogleUserinfo() as fake:``; register tokens with ``grant``.

    ``failure_status`` set to e.g. 503 makes every request fail with that status;
    ``hang()`` makes requests wait (until the fake stops) so clients hit their timeout.
    """

    tokens: dict[str, dict] = field(default_factory=dict)
    failure_status: int | None = None
    authorizations: list[str] = field(default_factory=list)
    _hanging: bool = False

    def handler_class(self) -> type[QuietHandler]:
        return _handler_for(self)

    @property
    def url(self) -> str:
        return f"{self.origin}{USERINFO_PATH}"

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


def _handler_for(fake: FakeGoogleUserinfo) -> type[QuietHandler]:
    class Handler(QuietHandler):
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
            headers = {"WWW-Authenticate": challenge} if challenge else {}
            self.send_body(status, json.dumps(body).encode(), "application/json; charset=UTF-8", headers)

    return Handler
