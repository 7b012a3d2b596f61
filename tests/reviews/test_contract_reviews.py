"""The reviews rows of SPEC §8 as an integrator meets them: a booking's existence stays
as private as everywhere else in the API, and every answer is the one the OpenAPI
schema describes."""

import pytest
from rest_framework.test import APIClient

from reviews.errors import ReviewNotFound
from reviews.models import Review
from reviews.services import review_create
from scheduling.models_booking import BookingStatus
from tests.contract.test_schema_matches_answers import conforms, openapi  # noqa: F401
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.django_db

REVIEW = "/api/v1/bookings/{booking_id}/review"
REPLY = "/api/v1/bookings/{booking_id}/review/reply"


@pytest.fixture
def unpaid(alice_client, bob_expert):
    """Alice's request to bob that expired before she paid: it never reached bob."""
    return seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.EXPIRED)


def test_the_expert_of_a_request_never_paid_is_not_told_it_exists(api_as, bob_expert, carol_expert, unpaid):
    url = f"/api/v1/bookings/{unpaid.pk}/review"
    assert api_as(bob_expert).get(f"/api/v1/bookings/{unpaid.pk}").status_code == 404  # as the bookings API says

    for method in ("post", "patch"):
        as_expert = getattr(api_as(bob_expert), method)(url, {"rating": 5}, format="json")
        as_stranger = getattr(api_as(carol_expert), method)(url, {"rating": 5}, format="json")
        assert as_expert.status_code == 404, as_expert.json()
        assert as_expert.json() == as_stranger.json()


def test_the_service_also_refuses_it_as_not_found(bob_expert, unpaid):
    with pytest.raises(ReviewNotFound):
        review_create(booking_id=unpaid.pk, client=bob_expert, rating=5)
    assert not Review.objects.exists()


def test_the_expert_of_a_paid_booking_still_hears_only_the_client_reviews(api_as, bob_expert, completed):
    answer = api_as(bob_expert).post(f"/api/v1/bookings/{completed.pk}/review", {"rating": 5}, format="json")
    assert answer.status_code == 403


def test_every_review_answer_is_in_the_schema(
    openapi,  # noqa: F811
    api_as,
    alice_client,
    bob_expert,
    carol_expert,
    completed,
):
    alice, bob = api_as(alice_client), api_as(bob_expert)
    review, reply = f"/api/v1/bookings/{completed.pk}/review", f"/api/v1/bookings/{completed.pk}/review/reply"
    answers = [
        ("get", REVIEW, alice.get(review)),  # 404: none yet
        ("post", REVIEW, alice.post(review, {"rating": 6}, format="json")),  # 400
        ("post", REVIEW, bob.post(review, {"rating": 5}, format="json")),  # 403
        ("post", REVIEW, api_as(carol_expert).post(review, {"rating": 5}, format="json")),  # 404
        ("post", REVIEW, APIClient().post(review, {"rating": 5}, format="json")),  # 401
        ("post", REVIEW, alice.post(review, {"rating": "4", "text": "Useful"}, format="json")),  # 201
        ("post", REVIEW, alice.post(review, {"rating": 4}, format="json")),  # 409
        ("get", REVIEW, bob.get(review)),  # 200
        ("patch", REVIEW, alice.patch(review, {"rating": 5}, format="json")),  # 200
        ("patch", REVIEW, alice.patch(review, {"rating": 5.5}, format="json")),  # 400
        ("post", REPLY, bob.post(reply, {"text": ""}, format="json")),  # 400
        ("post", REPLY, alice.post(reply, {"text": "Me"}, format="json")),  # 403
        ("post", REPLY, bob.post(reply, {"text": "Thank you"}, format="json")),  # 201
        ("post", REPLY, bob.post(reply, {"text": "Again"}, format="json")),  # 409
    ]
    assert [answer.status_code for _method, _path, answer in answers] == [
        404, 400, 403, 404, 401, 201, 409, 200, 200, 400, 400, 403, 201, 409
    ]  # fmt: skip
    for method, path, answer in answers:
        conforms(openapi, answer, method, path)
    public = "/api/v1/experts/{expert_id}/reviews"
    profile_id = bob_expert.expert_profile.pk
    conforms(openapi, APIClient().get(f"/api/v1/experts/{profile_id}/reviews"), "get", public)
    conforms(openapi, APIClient().get("/api/v1/experts/999999/reviews"), "get", public)
