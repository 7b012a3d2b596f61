"""Booking fixtures: bob and carol in Lagos, free 09:00–17:00 every day, each selling a
60-minute service; starts are computed from the real clock ("two days ahead at 09:00
Lagos") because API tokens and the slot engine both read it.

Booking tests commit for real (``pytestmark = pytest.mark.django_db(transaction=True)``): refunds, notifications and the
test provider's webhooks run on commit, exactly as in production.
"""

import pytest

from accounts.storefront.services_areas import area_create
from tests.bookings.helpers import lagos_at
from tests.scheduling.conftest import every_day, set_week, set_zone


def _open_every_day(user):
    profile = set_zone(user, "Africa/Lagos")
    set_week(profile, *every_day("09:00", "17:00"))
    return profile


@pytest.fixture
def bob_profile(bob_expert):
    return _open_every_day(bob_expert)


@pytest.fixture
def carol_profile(carol_expert):
    return _open_every_day(carol_expert)


@pytest.fixture
def bob_hour(bob_profile):
    """Bob's 60-minute service at ₦15,000."""
    return area_create(expert=bob_profile, title="Career advice", duration_minutes=60, price=1_500_000)


@pytest.fixture
def carol_hour(carol_profile):
    return area_create(expert=carol_profile, title="Fundraising", duration_minutes=60, price=900_000)


@pytest.fixture
def slot():
    """A start bob offers: two days ahead, 09:00 in Lagos."""
    return lagos_at(days=2, time="09:00")
