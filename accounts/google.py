"""A small client for Google's OpenID Connect userinfo endpoint.

The API's Google login sends us an OAuth access token; asking Google who it belongs to
is how we verify it. The URL and timeout come from settings so tests point the client
at a local fake server.
"""

import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from accounts.errors import GoogleTokenRejected, GoogleUnavailable

logger = logging.getLogger(__name__)

# Google answers 400 for a malformed token and 401/403 for an unknown, expired or
# under-scoped one: all mean "this token does not prove who you are".
_REJECTED_STATUSES = {400, 401, 403}


@dataclass(frozen=True)
class GoogleUserInfo:
    sub: str
    email: str
    email_verified: bool
    name: str = ""
    given_name: str = ""
    picture: str = ""


def _as_bool(value) -> bool:
    # The claim is a JSON boolean, but some Google endpoints have sent the string "true".
    return value is True or (isinstance(value, str) and value.lower() == "true")


class GoogleUserInfoClient:
    def __init__(
        self, *, url: str | None = None, timeout: float | None = None, session: requests.Session | None = None
    ):
        self.url = url or settings.GOOGLE_USERINFO_URL
        self.timeout = timeout if timeout is not None else settings.GOOGLE_TIMEOUT_SECONDS
        self.session = session or requests.Session()

    def userinfo(self, *, access_token: str) -> GoogleUserInfo:
        """Who the token belongs to; raises GoogleTokenRejected or GoogleUnavailable."""
        response = self._get(access_token)
        if response.status_code in _REJECTED_STATUSES:
            raise GoogleTokenRejected(_("Google did not accept this access token."))
        if response.status_code != 200:
            logger.warning("google userinfo answered HTTP %s", response.status_code)
            raise self._unavailable()
        return self._parse(response)

    def _get(self, access_token: str) -> requests.Response:
        try:
            return self.session.get(self.url, headers={"Authorization": f"Bearer {access_token}"}, timeout=self.timeout)
        except requests.RequestException as exc:
            logger.warning("google userinfo unreachable: %s", exc.__class__.__name__)
            raise self._unavailable() from exc

    def _parse(self, response: requests.Response) -> GoogleUserInfo:
        try:
            data = response.json()
            sub = str(data["sub"])
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("google userinfo answered an unexpected body")
            raise self._unavailable() from exc
        return GoogleUserInfo(
            sub=sub,
            # Absent when the token was granted without the "email" scope.
            email=str(data.get("email") or "").strip().lower(),
            email_verified=_as_bool(data.get("email_verified")),
            name=str(data.get("name") or ""),
            given_name=str(data.get("given_name") or ""),
            picture=str(data.get("picture") or ""),
        )

    @staticmethod
    def _unavailable() -> GoogleUnavailable:
        return GoogleUnavailable(_("Google sign-in is unavailable right now. Please try again in a few minutes."))
