"""Accounts API fixtures: a fake Google userinfo server and token helpers."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from tests.conftest import PASSWORD
from tests.fakes.google_userinfo import FakeGoogleUserinfo


@pytest.fixture
def fake_google(settings):
    """Google's userinfo endpoint on a local port, with the settings pointing at it."""
    with FakeGoogleUserinfo() as fake:
        settings.GOOGLE_USERINFO_URL = fake.url
        yield fake


def login(api, email: str, password: str = PASSWORD, **extra):
    return api.post("/api/v1/auth/login", {"email": email, "password": password}, format="json", **extra)


def bearer(access: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {access}"}


def expired(token_class, user, **claims) -> str:
    """A correctly signed token of ``token_class`` whose ``exp`` passed an hour ago."""
    token = token_class()
    token["user_id"] = user.pk
    for name, value in claims.items():
        token[name] = value
    token.set_exp(from_time=timezone.now() - timedelta(hours=1), lifetime=timedelta(minutes=5))
    return str(token)


def expired_access(user, **claims) -> str:
    return expired(AccessToken, user, email=user.email, role=user.role, **claims)


def expired_refresh(user, **claims) -> str:
    return expired(RefreshToken, user, **claims)
