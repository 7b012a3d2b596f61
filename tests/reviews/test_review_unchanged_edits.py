"""An edit that changes nothing leaves the review as it was: not shown as edited."""

import datetime as dt

import pytest

from reviews.models import Review

pytestmark = pytest.mark.django_db


def _path(review) -> str:
    return f"/api/v1/bookings/{review.booking_id}/review"


@pytest.mark.parametrize(
    "body", [{}, {"rating": 4}, {"text": "Clear and practical."}, {"text": "  Clear and practical. "}]
)
def test_a_patch_that_changes_nothing_is_not_an_edit(api_as, alice_client, reviewed, frozen_now, body):
    frozen_now(reviewed.created_at + dt.timedelta(hours=1))

    response = api_as(alice_client).patch(_path(reviewed), body, format="json")

    assert response.status_code == 200
    assert response.json()["edited"] is False
    stored = Review.objects.get()
    assert (stored.rating, stored.text, stored.updated_at) == (4, "Clear and practical.", reviewed.created_at)


def test_a_real_change_is_an_edit(api_as, alice_client, reviewed, frozen_now):
    frozen_now(reviewed.created_at + dt.timedelta(hours=1))

    response = api_as(alice_client).patch(_path(reviewed), {"rating": 5}, format="json")

    assert response.json()["edited"] is True and response.json()["rating"] == 5


def test_an_empty_patch_after_the_edit_window_is_still_refused(api_as, alice_client, reviewed, frozen_now):
    frozen_now(reviewed.edited_until + dt.timedelta(minutes=1))

    response = api_as(alice_client).patch(_path(reviewed), {}, format="json")

    assert response.status_code == 409 and response.json()["error"]["code"] == "review_edit_closed"


def test_resubmitting_the_page_form_unchanged_is_not_an_edit(client, alice_client, reviewed, frozen_now):
    frozen_now(reviewed.created_at + dt.timedelta(hours=1))
    client.force_login(alice_client)

    response = client.post(f"/reviews/bookings/{reviewed.booking_id}/", {"rating": 4, "text": "Clear and practical."})

    assert response.status_code == 302  # saved as far as the page is concerned

    assert Review.objects.get().updated_at == reviewed.created_at
    assert _shown_as_edited(reviewed) is False


def _shown_as_edited(review) -> bool:
    from reviews.api import PublicReviewOut

    return PublicReviewOut(Review.objects.get(pk=review.pk)).data["edited"]


@pytest.mark.parametrize("rating", [0, 6, 5.5, "five", -1])
def test_an_edit_to_a_rating_out_of_range_is_a_field_error(api_as, alice_client, reviewed, rating):
    response = api_as(alice_client).patch(_path(reviewed), {"rating": rating}, format="json")

    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["rating"]
    assert Review.objects.get().rating == 4
