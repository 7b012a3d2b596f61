"""An area that clients have booked is deactivated, never deleted (its calls keep it)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.models import ExpertArea
from scheduling.bookings.services import booking_create
from tests.storefront.helpers import add_area, make_available

pytestmark = pytest.mark.django_db


def _next_monday_10_lagos() -> dt.datetime:
    today = timezone.now().astimezone(ZoneInfo("Africa/Lagos")).date()
    monday = today + dt.timedelta(days=7 - today.weekday())
    return dt.datetime.combine(monday, dt.time(10), tzinfo=ZoneInfo("Africa/Lagos"))


def test_deleting_a_booked_area_only_deactivates_it(api_as, bob_expert, alice_client):
    profile = bob_expert.expert_profile
    make_available(profile)  # Mondays 09:00–17:00 in the expert's zone (Africa/Lagos)
    area = add_area(profile, title="Booked service")
    booking_create(client=alice_client, area=area, start=_next_monday_10_lagos())

    response = api_as(bob_expert).delete(f"/api/v1/expert/areas/{area.pk}")

    assert response.status_code == 200
    assert response.json()["active"] is False
    assert ExpertArea.objects.get(pk=area.pk).active is False
