"""Shared fixtures: named people (alice the client, bob the expert) and API clients."""

import asyncio

import pytest
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.services import user_create

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session")
def password_hash(django_db_setup, django_db_blocker):
    """bcrypt is slow on purpose; hash the shared test password once per session."""
    return make_password(PASSWORD)


@pytest.fixture(autouse=True)
def _no_browser_test_ran_before(request):
    """After a Playwright test, its asyncio loop stays marked as running in this thread;
    a database test then silently runs outside its own transaction. Browser tests are
    ordered last (tests/browser/conftest.py); this catches a file that breaks the order."""
    if "playwright" not in request.fixturenames and asyncio.events._get_running_loop() is not None:
        pytest.fail("A browser test ran before this one in the same process: keep browser tests in files of their own.")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached answers never leak between tests."""
    cache.clear()
    yield
    cache.clear()


def make_user(password_hash: str, *, email: str, full_name: str, role: str):
    user = user_create(email=email, full_name=full_name, role=role)
    user.password = password_hash
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def alice_client(db, password_hash):
    return make_user(password_hash, email="alice@example.com", full_name="Alice Client", role=Role.CLIENT)


@pytest.fixture
def bob_expert(db, password_hash):
    return make_user(password_hash, email="bob@example.com", full_name="Bob Expert", role=Role.EXPERT)


@pytest.fixture
def carol_expert(db, password_hash):
    return make_user(password_hash, email="carol@example.com", full_name="Carol Expert", role=Role.EXPERT)


@pytest.fixture
def dave_client(db, password_hash):
    return make_user(password_hash, email="dave@example.com", full_name="Dave Client", role=Role.CLIENT)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as():
    """``api_as(user)`` gives an APIClient authenticated with a real bearer token."""

    def make(user):
        from accounts.tokens import session_start

        pair = session_start(user=user, user_agent="pytest", ip="127.0.0.1")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {pair.access}")
        return client

    return make


@pytest.fixture
def fake_paystack(settings):
    """A local fake of Paystack's API, with settings selecting the real Paystack client
    pointed at it (short timeout, so the hanging-server tests stay quick)."""
    from tests.fakes.paystack import FakePaystack

    with FakePaystack() as fake:
        settings.PAYMENT_PROVIDER = "paystack"
        settings.PAYSTACK_BASE_URL = fake.url
        settings.PAYSTACK_SECRET_KEY = fake.secret_key
        settings.PAYSTACK_TIMEOUT_SECONDS = 0.5
        yield fake


@pytest.fixture
def frozen_now(monkeypatch):
    """``frozen_now(moment)`` makes ``django.utils.timezone.now`` answer ``moment`` (an
    aware datetime) for the rest of the test, in the live server's thread too; slot
    rules (notice, horizon, "today") depend on it, so dated tests stay true."""
    from django.utils import timezone

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze
