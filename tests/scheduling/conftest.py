"""Scheduling fixtures: bob's and carol's services, and short set-up helpers
(``frozen_now`` lives in ``tests/conftest.py``)."""

import datetime as dt

import pytest

from accounts.models import Role
from accounts.services import user_profile_update
from accounts.storefront.services_areas import area_create
from scheduling.services import RangeSpec, weekly_ranges_replace
from scheduling.wallclock import parse_hhmm
from tests.conftest import make_user

UTC = dt.UTC


@pytest.fixture
def bob_profile(bob_expert):
    return bob_expert.expert_profile


@pytest.fixture
def bob_hour(bob_profile):
    """Bob's active 60-minute service."""
    return area_create(expert=bob_profile, title="Career advice", duration_minutes=60, price=1_500_000)


@pytest.fixture
def carol_hour(carol_expert):
    return area_create(expert=carol_expert.expert_profile, title="Fundraising", duration_minutes=60, price=900_000)


def set_zone(user, zone: str, **rules):
    """Change an expert's zone and booking rules through the account service."""
    user_profile_update(user=user, changes={"timezone": zone, **rules})
    return user.expert_profile.__class__.objects.get(pk=user.expert_profile.pk)


def set_week(profile, *ranges: tuple[int, str, str]):
    """``set_week(profile, (0, "09:00", "12:00"), ...)`` replaces the weekly hours."""
    specs = [RangeSpec(day, parse_hhmm(start), parse_hhmm(end, allow_end_of_day=True)) for day, start, end in ranges]
    return weekly_ranges_replace(expert=profile, ranges=specs)


def every_day(start: str, end: str) -> list[tuple[int, str, str]]:
    return [(day, start, end) for day in range(7)]


@pytest.fixture
def a_client_first(db, password_hash):
    """A user made before the experts (ask for it first), so no expert's user id equals
    their profile id: calls and calendars are keyed by the user, weekly ranges and
    overrides by the profile, and mixing the two up must show."""
    return make_user(password_hash, email="first@example.com", full_name="First Client", role=Role.CLIENT)
