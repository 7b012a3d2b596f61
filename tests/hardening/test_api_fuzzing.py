"""Generated requests against every operation of ``/api/schema/`` never get a 5xx.

Schemathesis reads the OpenAPI schema from the app itself (in-process WSGI) and sends
requests built from it, valid and invalid, as an expert and as a client (a fresh bearer
token each time, so logging out in one example does not blind the next). Schemathesis'
own pytest integration is not used: under pytest-xdist it lost failures. Bad input must
be a 4xx with the error shape, never a server error. ``make test`` sends a few requests
per operation; ``make check-hardening`` sends ``HARDENING_EXAMPLES`` (default 40).

The world has real objects (a paid booking, its call and payment, notifications) so paths
with small ids reach existing rows, not only 404s. Outgoing network is cut: an external
calendar address must fail at once, not wait for DNS.
"""

import os
import socket

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup

from tests.hardening.conftest import bearer

EXAMPLES = int(os.environ.get("HARDENING_EXAMPLES", "3"))
# The schema comes from the app at import (no database needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
# An endless Server-Sent Events stream (an async view; covered by tests/notifications).
SKIPPED_PATHS = {"/api/v1/notifications/stream"}
OPERATIONS = [
    operation
    for result in schema.get_all_operations()
    if (operation := result.ok()).path not in SKIPPED_PATHS
]


@pytest.fixture
def world(alice_client, bob_expert, bob_hour, start_in, bookings_world):
    """Who sends each generated request: once as the expert, once as the client."""
    return {"expert": bob_expert, "client": alice_client}


@pytest.fixture
def bookings_world(alice_client, bob_hour, start_in, django_capture_on_commit_callbacks):
    """A paid booking of alice's with bob, so ids 1, 2… often exist."""
    from payments.providers.test import checkout_pay
    from scheduling.bookings.services import booking_create

    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(client=alice_client, area=bob_hour, start=start_in(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        checkout_pay(reference=booking.call.payment.reference)
    return booking


@pytest.fixture
def offline(monkeypatch, settings, fake_google):
    """Only this machine answers (Google's userinfo is the local fake)."""
    resolve = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost"):
            raise socket.gaierror(socket.EAI_NONAME, "no network in the fuzzing tests")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
    settings.RATELIMIT_ENABLE = False
    # LiveKit configured (its webhooks are verified, not refused as "not set up"), but
    # nothing listens at its address: the room service fails fast, as when it is down.
    settings.LIVEKIT_URL = "ws://127.0.0.1:9"
    settings.LIVEKIT_API_KEY = "fuzzing"
    settings.LIVEKIT_API_SECRET = "fuzzing-secret-long-enough-for-livekit-0123456789"


@pytest.fixture
def one_connection():
    """Requests reach Django's real WSGI handler, which closes the connection after each
    one (the test's transaction with it); keep it open, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def requests_for(operation):
    """Valid and invalid requests built from the operation's schema."""
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )


@pytest.mark.django_db
def test_no_generated_request_gets_a_server_error(world, offline, one_connection):
    """One test over every operation (one world, one transaction), which reports every
    operation that failed, each with its smallest failing request."""
    failures = {}
    for operation in OPERATIONS:

        @given(case=requests_for(operation))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        )
        def send(case):
            for user in world.values():
                case.call_and_validate(headers=bearer(user), checks=[not_a_server_error])

        # Try every operation, report them all. Schemathesis raises a FailureGroup, a
        # BaseExceptionGroup (not an ExceptionGroup): catching only ExceptionGroup let the
        # first failing operation end the loop and hid the others.
        try:
            send()
        except (AssertionError, FailureGroup) as error:
            failures[operation.label] = error
    assert not failures, "\n\n".join(f"{label}: {error}" for label, error in failures.items())


def test_the_fuzzing_covers_the_api():
    labels = {operation.label for operation in OPERATIONS}
    assert len(labels) > 60
    assert {"POST /api/v1/bookings", "POST /api/v1/webhooks/paystack", "PATCH /api/v1/me"} <= labels
