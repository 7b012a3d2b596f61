"""The public API contract of SPEC §8, walked as an integrator meets it.

bob (expert) is open around the clock every day in Kathmandu (+05:45) with no minimum
notice and sells a 30-minute talk, so every quarter hour from now on is bookable and
odd offsets come up naturally; carol is another expert, alice and dave are clients.
"""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.storefront.services_areas import area_create
from accounts.tokens import session_start
from tests.scheduling.conftest import every_day, set_week, set_zone

KATHMANDU = "Asia/Kathmandu"


def error_of(response, status: int, code: str | None = None) -> dict:
    """The ``{"error": {code, message, fields}}`` body of an error answer, checked."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    if code is not None:
        assert error["code"] == code
    return error


def field_errors(response) -> dict:
    """The ``fields`` of a 400 answer; a validation error always names its fields."""
    fields = error_of(response, 400)["fields"]
    assert fields
    return fields


def outside_client(user=None) -> APIClient:
    """A client as an integrator's program is: no CSRF cookie (Django's checks on), and a
    bearer token when ``user`` is given."""
    client = APIClient(enforce_csrf_checks=True)
    if user is not None:
        access = session_start(user=user, user_agent="contract", ip="127.0.0.1").access
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def each(cases, check) -> None:
    """Run ``check(*case)`` for every case and fail once, naming every case that failed:
    one test per table walk keeps the suite fast (each test pays for its own users)."""
    failures = []
    for case in cases:
        try:
            check(*case)
        except AssertionError as exc:
            failures.append(f"{' '.join(map(str, case))}: {str(exc)[:200]}")
    assert not failures, "\n".join(failures)


def utc_at(*, days: int, time: str) -> dt.datetime:
    """``days`` after today (UTC) at ``time`` UTC: a quarter hour in Kathmandu too."""
    hours, minutes = (int(part) for part in time.split(":"))
    return dt.datetime.combine(timezone.now().date() + dt.timedelta(days=days), dt.time(hours, minutes), tzinfo=dt.UTC)


@pytest.fixture
def bob_open(bob_expert):
    profile = set_zone(bob_expert, KATHMANDU, min_notice_minutes=0)
    set_week(profile, *every_day("00:00", "24:00"))
    return profile


@pytest.fixture
def bob_talk(bob_open):
    return area_create(expert=bob_open, title="Talk", duration_minutes=30, price=500_000)


@pytest.fixture
def carol_talk(carol_expert):
    return area_create(expert=carol_expert.expert_profile, title="Pitch review", duration_minutes=30, price=300_000)
