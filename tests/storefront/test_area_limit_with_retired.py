"""The limit of 20 services counts the ones an expert can still change: a booked service
that was deleted (so only deactivated, "retired") no longer counts, or an expert whose
services had all been booked once could never add another."""

import pytest

from accounts.models import ExpertArea
from accounts.storefront import services_areas
from tests.contract.conftest import field_errors
from tests.storefront.helpers import add_area

pytestmark = pytest.mark.django_db

URL = "/api/v1/expert/areas"
NEW = {"title": "New service", "duration_minutes": 30, "price": 500_000}


@pytest.fixture
def booked_titles(monkeypatch):
    """Areas whose title starts with "Booked" have bookings referring to them."""
    monkeypatch.setattr(services_areas, "_area_has_bookings", lambda area: area.title.startswith("Booked"))


@pytest.fixture
def twenty_retired(api_as, bob_expert, booked_titles):
    """Bob's 20 services, each booked once and then deleted (so kept, inactive)."""
    client = api_as(bob_expert)
    areas = [add_area(bob_expert.expert_profile, title=f"Booked {n}") for n in range(services_areas.MAX_AREAS_PER_EXPERT)]
    for area in areas:
        assert client.delete(f"{URL}/{area.pk}").json()["active"] is False
    return areas


def test_retired_services_leave_room_for_new_ones(api_as, bob_expert, twenty_retired):
    response = api_as(bob_expert).post(URL, NEW, format="json")

    assert response.status_code == 201, response.json()
    assert ExpertArea.objects.filter(expert=bob_expert.expert_profile).count() == 21


def test_inactive_services_never_booked_still_count(api_as, bob_expert, booked_titles):
    client = api_as(bob_expert)
    for n in range(services_areas.MAX_AREAS_PER_EXPERT):
        client.post(URL, {**NEW, "title": f"Paused {n}", "active": False}, format="json")

    assert "non_field_errors" in field_errors(client.post(URL, NEW, format="json"))


def test_bringing_a_retired_service_back_needs_room_under_the_limit(api_as, bob_expert, twenty_retired):
    client = api_as(bob_expert)
    for n in range(services_areas.MAX_AREAS_PER_EXPERT):
        assert client.post(URL, {**NEW, "title": f"Fresh {n}"}, format="json").status_code == 201

    refused = client.patch(f"{URL}/{twenty_retired[0].pk}", {"active": True}, format="json")
    assert "active" in field_errors(refused)
    twenty_retired[0].refresh_from_db()
    assert twenty_retired[0].active is False

    fresh = ExpertArea.objects.filter(title="Fresh 0").get()
    assert client.delete(f"{URL}/{fresh.pk}").status_code == 204
    assert client.patch(f"{URL}/{twenty_retired[0].pk}", {"active": True}, format="json").json()["active"] is True
