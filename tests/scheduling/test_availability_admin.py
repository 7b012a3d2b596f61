"""Staff editing availability in Django admin: the experts' cached slots follow."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role
from scheduling.models import WeeklyRange
from tests.conftest import make_user
from tests.scheduling.conftest import UTC, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=UTC)  # a Tuesday


@pytest.fixture
def staff_client(client, db, password_hash):
    user = make_user(password_hash, email="ops@example.com", full_name="Olu Ops", role=Role.CLIENT)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    return client


def slots(api, profile, area) -> list[str]:
    url = f"/api/v1/experts/{profile.pk}/slots?area={area.pk}&from=2026-10-21&to=2026-10-21"
    return api.get(url).json()["slots"]


def test_moving_a_range_to_another_expert_clears_both_experts_cached_slots(
    api, staff_client, bob_expert, carol_expert, bob_hour, carol_hour, frozen_now
):
    frozen_now(NOW)
    bob = set_zone(bob_expert, "UTC", min_notice_minutes=0)
    carol = set_zone(carol_expert, "UTC", min_notice_minutes=0)
    (weekly_range,) = set_week(bob, (2, "09:00", "10:00"))
    assert slots(api, bob, bob_hour) == ["2026-10-21T09:00:00+00:00"]  # now cached
    assert slots(api, carol, carol_hour) == []

    change_url = reverse("admin:scheduling_weeklyrange_change", args=[weekly_range.pk])
    form = {"expert": carol.pk, "weekday": 2, "start_minute": 540, "end_minute": 600}
    assert staff_client.post(change_url, form).status_code == 302
    assert WeeklyRange.objects.get(pk=weekly_range.pk).expert_id == carol.pk

    assert slots(api, bob, bob_hour) == []
    assert slots(api, carol, carol_hour) == ["2026-10-21T09:00:00+00:00"]
