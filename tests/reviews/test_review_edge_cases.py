"""Review input an integrator can send wrong, and an expert who is no longer active."""

import pytest

from reviews.models import Review
from reviews.services import review_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body",
    [
        {"rating": 4.5},
        {"rating": True},
        {"rating": None},
        {"rating": 10**30},
        {"rating": 5, "text": None},
        {"rating": 5, "text": "nul\x00byte"},
        {"rating": 5, "text": ["list"]},
    ],
)
def test_odd_review_bodies_are_field_errors(api_as, alice_client, completed, body):
    response = api_as(alice_client).post(f"/api/v1/bookings/{completed.pk}/review", body, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) <= {"rating", "text"}
    assert not Review.objects.exists()


def test_an_edit_with_a_rating_out_of_range_changes_nothing(api_as, alice_client, reviewed):
    response = api_as(alice_client).patch(
        f"/api/v1/bookings/{reviewed.booking_id}/review", {"rating": 0}, format="json"
    )

    assert response.status_code == 400
    assert Review.objects.get().rating == 4


def test_a_deactivated_experts_reviews_are_not_listed(api, alice_client, bob_expert, completed):
    review_create(booking_id=completed.pk, client=alice_client, rating=5)
    bob_expert.is_active = False
    bob_expert.save(update_fields=["is_active"])

    assert api.get(f"/api/v1/experts/{bob_expert.expert_profile.pk}/reviews").status_code == 404
