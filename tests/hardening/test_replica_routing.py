"""Which database a request reads (``procusmeet.db_router``), with a replica configured.

The suite runs on one database, so "configured" is simulated here (the processes of
``test_stale_replica.py`` run with a real second database); the view reports the alias
Django's router picks for a storefront model and for users.
"""

import pytest
from django.db import router, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import ExpertProfile
from procusmeet import db_router

READ = "/test/read-aliases"
OTHER = "/test/other-aliases"
pytestmark = pytest.mark.urls("tests.hardening.replica_urls")


@pytest.fixture
def replica(monkeypatch, settings):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    settings.DATABASE_REPLICA_VIEWS = frozenset({"test-read-aliases"})
    settings.DATABASE_REPLICA_STICKY_SECONDS = 30
    settings.RATELIMIT_ENABLE = False


def aliases(client, path=READ, **extra) -> dict:
    response = client.get(path, **extra)
    assert response.status_code == 200
    return response.json()


def test_an_allowed_read_only_view_reads_storefront_data_from_the_replica(replica, client):
    assert aliases(client) == {"profiles": "replica", "users": "default"}


def test_other_views_read_from_the_primary(replica, client):
    assert aliases(client, OTHER)["profiles"] == "default"


def test_a_write_to_an_allowed_view_goes_to_the_primary(replica, client):
    assert client.post(READ).json()["profiles"] == "default"


def test_after_a_write_the_browser_reads_from_the_primary_for_a_while(replica, client):
    written = client.post(OTHER)

    cookie = written.cookies[db_router.RECENT_WRITE_COOKIE]
    assert cookie["max-age"] == 30 and cookie["httponly"]
    assert aliases(client)["profiles"] == "default"
    assert aliases(Client())["profiles"] == "replica"  # another visitor still uses the replica


def test_after_a_write_the_same_api_credentials_read_from_the_primary(replica, settings):
    shared = {"HTTP_AUTHORIZATION": "Bearer token-of-alice"}
    Client().post(OTHER, **shared)  # a client that keeps no cookies

    assert aliases(Client(), **shared)["profiles"] == "default"
    assert aliases(Client(), HTTP_AUTHORIZATION="Bearer token-of-dave")["profiles"] == "replica"


def test_without_a_replica_nothing_is_routed_and_no_cookie_is_set(client, settings):
    settings.DATABASE_REPLICA_VIEWS = frozenset({"test-read-aliases"})

    assert client.post(READ).cookies.get(db_router.RECENT_WRITE_COOKIE) is None
    assert aliases(client)["profiles"] == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary(replica):
    db_router._replica_reads.set(True)
    try:
        assert router.db_for_read(ExpertProfile) == "replica"
        with transaction.atomic():
            assert router.db_for_read(ExpertProfile) == "default"
    finally:
        db_router._replica_reads.set(False)


def test_writes_and_migrations_always_use_the_primary():
    routing = db_router.ReplicaRouter()
    assert routing.db_for_write(ExpertProfile) == "default"
    assert routing.allow_migrate("replica", "accounts") is False
    assert routing.allow_migrate("default", "accounts") is True


def _view_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _view_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


@pytest.mark.urls("procusmeet.urls")
def test_every_replica_view_of_the_settings_is_a_route_of_the_site():
    from django.conf import settings

    assert settings.DATABASE_REPLICA_VIEWS <= _view_names(get_resolver())
    assert {"experts:directory", "experts:detail", "scheduling:api-expert-slots"} <= settings.DATABASE_REPLICA_VIEWS


def test_slot_answers_computed_on_the_replica_are_kept_only_briefly(replica, settings):
    from scheduling import cache as slots_cache

    settings.DATABASE_REPLICA_STICKY_SECONDS = 15
    assert slots_cache._ttl() == slots_cache.SLOTS_TTL_SECONDS
    db_router._replica_reads.set(True)
    try:
        assert slots_cache._ttl() == 15  # a lagging replica's answer outlives no writer's stickiness
    finally:
        db_router._replica_reads.set(False)
