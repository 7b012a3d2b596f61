"""The storefront fields of ``GET/PATCH /api/v1/me`` (SPEC §8)."""

import pytest

from accounts.models import ExpertProfile
from tests.storefront.helpers import add_area, category

pytestmark = pytest.mark.django_db


def test_an_expert_reads_their_storefront_fields(api_as, bob_expert):
    body = api_as(bob_expert).get("/api/v1/me").json()
    assert body["categories"] == []
    assert body["years_experience"] == 0
    assert body["social_links"] == []
    assert body["photo_url"] is None
    assert body["currency"] == "NGN"


def test_an_expert_changes_every_storefront_field_at_once(api_as, bob_expert):
    category("Careers")
    category("Law")
    changes = {
        "display_name": "Bob O.",
        "headline": "Immigration lawyer",
        "bio": "I have helped **400** families.",
        "languages": ["en", "yo"],
        "categories": ["law", "careers"],
        "slug": "bob-the-lawyer",
        "timezone": "Africa/Accra",
        "currency": "GHS",
        "years_experience": 12,
        "social_links": ["https://www.linkedin.com/in/bob", "https://bob.example.com"],
    }
    response = api_as(bob_expert).patch("/api/v1/me", changes, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    for name, value in changes.items():
        expected = sorted(value) if name == "categories" else value
        assert (sorted(body[name]) if name == "categories" else body[name]) == expected
    profile = ExpertProfile.objects.get(user=bob_expert)
    assert profile.bio_html == "<p>I have helped <strong>400</strong> families.</p>"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("display_name", ""),
        ("display_name", "x" * 121),
        ("headline", "x" * 161),
        ("bio", "x" * 5001),
        ("languages", ["en", "xx"]),
        ("languages", ["en", "en"]),
        ("languages", "en"),
        ("categories", ["no-such-category"]),
        ("categories", ["Not A Slug!"]),
        ("slug", "me"),
        ("slug", "search"),
        ("slug", "ab"),
        ("slug", "Has Spaces"),
        ("slug", "-edge-"),
        ("timezone", "Mars/Olympus"),
        ("currency", "EUR"),
        ("years_experience", -1),
        ("years_experience", 71),
        ("years_experience", "many"),
        ("social_links", ["http://insecure.example.com"]),
        ("social_links", ["javascript:alert(1)"]),
        ("social_links", ["not a url"]),
        ("social_links", [f"https://example.com/{n}" for n in range(6)]),
        ("social_links", ["https://a.example.com", "https://a.example.com"]),
    ],
)
def test_each_bad_value_is_a_400_naming_its_field(api_as, bob_expert, field, value):
    before = ExpertProfile.objects.get(user=bob_expert)
    response = api_as(bob_expert).patch("/api/v1/me", {field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    after = ExpertProfile.objects.get(user=bob_expert)
    assert getattr(after, field if field != "categories" else "slug") == getattr(before, field if field != "categories" else "slug")


def test_a_slug_taken_by_another_expert_is_refused(api_as, bob_expert, carol_expert):
    carol_slug = carol_expert.expert_profile.slug
    response = api_as(bob_expert).patch("/api/v1/me", {"slug": carol_slug}, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()["error"]["fields"]


def test_currency_cannot_change_while_active_services_are_priced_in_it(api_as, bob_expert):
    area = add_area(bob_expert.expert_profile)
    client = api_as(bob_expert)
    response = client.patch("/api/v1/me", {"currency": "USD"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "currency_locked"
    assert "currency" in response.json()["error"]["fields"]

    assert client.patch(f"/api/v1/expert/areas/{area.pk}", {"active": False}, format="json").status_code == 200
    assert client.patch("/api/v1/me", {"currency": "USD"}, format="json").json()["currency"] == "USD"


def test_clients_cannot_set_expert_storefront_fields(api_as, alice_client):
    response = api_as(alice_client).patch("/api/v1/me", {"years_experience": 3}, format="json")
    assert response.status_code == 400
    assert "years_experience" in response.json()["error"]["fields"]


def test_anonymous_gets_401(api):
    assert api.patch("/api/v1/me", {"headline": "x"}, format="json").status_code == 401
