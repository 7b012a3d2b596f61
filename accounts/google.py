"""A small client for Google's OpenID Connect userinfo endpoint.

The API's Google login sends us an OAuth access token; asking Google who it belongs to
is how we verify it. The URL and timeout come from settings so tests point the client
at a local fake server.
"""

import logging
from dataclasses import dataclass

import requests
from allauth.socialaccount import app_settings as socialaccount_settings
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
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


def _as_text(value) -> str:
    # PostgreSQL text and jsonb cannot hold NUL; a name that is not a string is no name.
    return value.replace("\x00", "") if isinstance(value, str) else ""


def _subject(value) -> str:
    """Google's account id: a non-empty string that fits allauth's ``uid`` column.

    Anything else (null, an object, "") must never become an account id: every such
    answer would share one id, and so one account."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise ValueError("no usable subject")
    if len(value) > socialaccount_settings.UID_MAX_LENGTH:
        raise ValueError("subject too long")
    return value


def _email(value) -> str:
    """The address, lower-cased; "" when absent (token granted without the email scope)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError("email is not a string")
    email = value.strip().lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValueError("email is not an address") from exc
    if len(email) > 254:  # the users table's limit
        raise ValueError("email too long")
    return email


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
            sub = _subject(data["sub"])
            email = _email(data.get("email"))
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("google userinfo answered an unexpected body")
            raise self._unavailable() from exc
        return GoogleUserInfo(
            sub=sub,
            email=email,
            email_verified=_as_bool(data.get("email_verified")),
            name=_as_text(data.get("name")),
            given_name=_as_text(data.get("given_name")),
            picture=_as_text(data.get("picture")),
        )

    @staticmethod
    def _unavailable() -> GoogleUnavailable:
        return GoogleUnavailable(_("Google sign-in is unavailable right now. Please try again in a few minutes."))
