"""``/api/v1/expert/areas``: the expert's own services (SPEC §8)."""

import pytest

from accounts.models import ExpertArea
from accounts.storefront import services_areas
from tests.storefront.helpers import add_area

pytestmark = pytest.mark.django_db

NEW_AREA = {"title": "Visa interview prep", "description": "Mock interview.", "duration_minutes": 45, "price": 2_000_000}


def test_an_expert_creates_lists_changes_and_deletes_an_area(api_as, bob_expert):
    client = api_as(bob_expert)
    created = client.post("/api/v1/expert/areas", NEW_AREA, format="json")
    assert created.status_code == 201
    area = created.json()
    assert area == {**NEW_AREA, "id": area["id"], "currency": "NGN", "active": True}

    assert client.get("/api/v1/expert/areas").json() == [area]

    changed = client.patch(f"/api/v1/expert/areas/{area['id']}", {"price": 2_500_000, "active": False}, format="json")
    assert changed.status_code == 200
    assert changed.json()["price"] == 2_500_000 and changed.json()["active"] is False

    assert client.delete(f"/api/v1/expert/areas/{area['id']}").status_code == 204
    assert not ExpertArea.objects.filter(pk=area["id"]).exists()


def test_the_list_holds_inactive_areas_too_and_only_the_callers(api_as, bob_expert, carol_expert):
    paused = add_area(bob_expert.expert_profile, title="Paused")
    services_areas.area_update(area=paused, active=False)
    add_area(carol_expert.expert_profile, title="Carol's")
    titles = [a["title"] for a in api_as(bob_expert).get("/api/v1/expert/areas").json()]
    assert titles == ["Paused"]


def test_another_experts_area_is_not_found(api_as, bob_expert, carol_expert):
    area = add_area(carol_expert.expert_profile)
    client = api_as(bob_expert)
    assert client.patch(f"/api/v1/expert/areas/{area.pk}", {"title": "Mine now"}, format="json").status_code == 404
    assert client.delete(f"/api/v1/expert/areas/{area.pk}").status_code == 404
    area.refresh_from_db()
    assert area.title == "Career advice"


def test_clients_get_403(api_as, alice_client, bob_expert):
    area = add_area(bob_expert.expert_profile)
    client = api_as(alice_client)
    assert client.get("/api/v1/expert/areas").status_code == 403
    assert client.post("/api/v1/expert/areas", NEW_AREA, format="json").status_code == 403
    assert client.patch(f"/api/v1/expert/areas/{area.pk}", {"title": "x"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/expert/areas/{area.pk}").status_code == 403


def test_anonymous_gets_401(api, bob_expert):
    area = add_area(bob_expert.expert_profile)
    assert api.get("/api/v1/expert/areas").status_code == 401
    assert api.post("/api/v1/expert/areas", NEW_AREA, format="json").status_code == 401
    assert api.patch(f"/api/v1/expert/areas/{area.pk}", {"title": "x"}, format="json").status_code == 401
    assert api.delete(f"/api/v1/expert/areas/{area.pk}").status_code == 401


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 121),
        ("description", "x" * 2001),
        ("duration_minutes", 10),
        ("duration_minutes", 20),
        ("duration_minutes", 255),
        ("duration_minutes", "long"),
        ("price", 0),
        ("price", -5),
        ("price", 10**10),
        ("price", "free"),
        ("active", "maybe"),
    ],
)
def test_each_bad_value_is_a_400_naming_its_field(api_as, bob_expert, field, value):
    client = api_as(bob_expert)
    response = client.post("/api/v1/expert/areas", {**NEW_AREA, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not ExpertArea.objects.exists()

    area = add_area(bob_expert.expert_profile)
    response = client.patch(f"/api/v1/expert/areas/{area.pk}", {field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_missing_required_fields_are_named(api_as, bob_expert):
    response = api_as(bob_expert).post("/api/v1/expert/areas", {}, format="json")
    assert set(response.json()["error"]["fields"]) == {"title", "duration_minutes", "price"}


def test_an_area_takes_the_experts_currency(api_as, bob_expert):
    client = api_as(bob_expert)
    client.patch("/api/v1/me", {"currency": "KES"}, format="json")
    assert client.post("/api/v1/expert/areas", NEW_AREA, format="json").json()["currency"] == "KES"


def test_an_area_priced_in_an_old_currency_needs_a_new_price_to_go_live(api_as, bob_expert):
    client = api_as(bob_expert)
    area = client.post("/api/v1/expert/areas", {**NEW_AREA, "active": False}, format="json").json()
    client.patch("/api/v1/me", {"currency": "USD"}, format="json")

    refused = client.patch(f"/api/v1/expert/areas/{area['id']}", {"active": True}, format="json")
    assert refused.status_code == 400
    assert "price" in refused.json()["error"]["fields"]

    repriced = client.patch(f"/api/v1/expert/areas/{area['id']}", {"active": True, "price": 5000}, format="json")
    assert repriced.status_code == 200
    assert repriced.json()["currency"] == "USD" and repriced.json()["active"] is True


def test_an_area_with_bookings_is_deactivated_not_deleted(api_as, bob_expert, monkeypatch):
    area = add_area(bob_expert.expert_profile)
    monkeypatch.setattr(services_areas, "_area_has_bookings", lambda area: True)
    response = api_as(bob_expert).delete(f"/api/v1/expert/areas/{area.pk}")
    assert response.status_code == 200
    assert response.json()["active"] is False
    area.refresh_from_db()
    assert area.active is False


def test_an_area_without_references_has_no_bookings(bob_expert):
    assert services_areas._area_has_bookings(add_area(bob_expert.expert_profile)) is False


def test_an_expert_offers_at_most_20_areas(api_as, bob_expert):
    for n in range(services_areas.MAX_AREAS_PER_EXPERT):
        add_area(bob_expert.expert_profile, title=f"Service {n}")
    response = api_as(bob_expert).post("/api/v1/expert/areas", NEW_AREA, format="json")
    assert response.status_code == 400
    assert ExpertArea.objects.count() == services_areas.MAX_AREAS_PER_EXPERT


def test_a_currency_other_than_the_experts_is_refused_not_ignored(api_as, bob_expert):
    # An integrator sending {"price": 5000, "currency": "USD"} means $50; silently storing
    # ₦50 would sell the service at the wrong price.
    client = api_as(bob_expert)
    response = client.post("/api/v1/expert/areas", {**NEW_AREA, "currency": "USD"}, format="json")
    assert response.status_code == 400
    assert "NGN" in response.json()["error"]["fields"]["currency"][0]
    assert not ExpertArea.objects.exists()

    area = client.post("/api/v1/expert/areas", {**NEW_AREA, "currency": "NGN"}, format="json")
    assert area.status_code == 201 and area.json()["currency"] == "NGN"

    refused = client.patch(f"/api/v1/expert/areas/{area.json()['id']}", {"price": 5000, "currency": "usd"}, format="json")
    assert refused.status_code == 400
    assert "currency" in refused.json()["error"]["fields"]
    assert ExpertArea.objects.get().price == NEW_AREA["price"]
