"""The public expert's JSON (directory, profile API) is written out by hand for speed;
it must stay exactly what DRF makes of the serializer's declared fields."""

import datetime as dt
import json
import zoneinfo
from decimal import Decimal

import pytest
from rest_framework import serializers

from accounts.api.directory import PublicExpertSerializer
from accounts.storefront.selectors import expert_public_get
from accounts.storefront.services import expert_photo_set
from reviews.models import ExpertRating
from tests.storefront.helpers import category, image_bytes, listed_expert, upload

pytestmark = pytest.mark.django_db


def _generic(profile) -> dict:
    """DRF's own field-by-field representation of the declared fields."""
    return serializers.Serializer.to_representation(PublicExpertSerializer(), profile)


@pytest.fixture
def profiles(db):
    category("Law")
    category("Tech")
    full = listed_expert(
        "Ada Obi",
        headline="Immigration lawyer",
        bio="I **help** with visas.",
        categories=["law", "tech"],
        languages=["en", "yo"],
        social_links=["https://example.com/ada"],
        years_experience=12,
        areas=(("Visa interview prep", 1_500_000), ("Document review", 900_000)),
    )
    full = expert_photo_set(profile=full, upload=upload(image_bytes()))
    ExpertRating.objects.create(expert=full, rating_count=3, rating_sum=13, rating_average=Decimal("4.33"))
    bare = listed_expert("Kofi Mensah", currency="GHS", areas=(("Code review", 80_000),))
    return [expert_public_get(pk=full.pk), expert_public_get(pk=bare.pk)]


@pytest.mark.parametrize(
    "next_slot",
    [
        None,
        dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 2, 10, 30, tzinfo=zoneinfo.ZoneInfo("Africa/Lagos")),  # written in UTC
    ],
)
def test_the_written_out_representation_is_drfs(profiles, next_slot):
    for profile in profiles:
        profile.next_slot = next_slot
        written = PublicExpertSerializer(profile).data
        assert written == _generic(profile)
        assert json.dumps(written) == json.dumps(_generic(profile))  # same keys in the same order, same types
    full = PublicExpertSerializer(profiles[0]).data
    assert full["photo_url"] and full["rating"] == {"average": 4.33, "count": 3}
    assert [area["price"] for area in full["areas"]] == [900_000, 1_500_000]
    assert full["categories"] == ["law", "tech"] and full["social_links"] == ["https://example.com/ada"]
    if next_slot is not None:
        assert full["next_slot"] == "2026-03-02T09:30:00Z"


def test_the_directory_api_serves_the_same_json(api, profiles):
    results = api.get("/api/v1/experts").json()["results"]
    by_id = {profile.pk: profile for profile in profiles}
    for result in results:
        profile = by_id[result["id"]]
        profile.next_slot = dt.datetime.fromisoformat(result["next_slot"]) if result["next_slot"] else None
        assert result == json.loads(json.dumps(_generic(profile)))
