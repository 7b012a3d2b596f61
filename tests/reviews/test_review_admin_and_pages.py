"""Staff hide and unhide reviews through admin; the client writes and edits a review on
a page; the expert replies from the booking page."""

import pytest
from django.contrib.admin.models import LogEntry

from reviews.models import ExpertRating, Review
from scheduling.models_booking import BookingStatus
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.django_db


def test_staff_hide_and_unhide_a_review_through_the_service(admin_client, admin_user, reviewed, bob_expert):
    changelist = "/admin/reviews/review/"

    admin_client.post(changelist, {"action": "hide_reviews", "_selected_action": [reviewed.pk]})
    reviewed.refresh_from_db()
    assert reviewed.hidden_by_staff and reviewed.hidden_at is not None
    assert ExpertRating.objects.get(expert=bob_expert.expert_profile).rating_count == 0

    admin_client.post(changelist, {"action": "unhide_reviews", "_selected_action": [reviewed.pk]})
    reviewed.refresh_from_db()
    assert not reviewed.hidden_by_staff
    assert ExpertRating.objects.get(expert=bob_expert.expert_profile).rating_count == 1
    assert LogEntry.objects.filter(user=admin_user, object_id=str(reviewed.pk)).count() == 2


def test_a_review_is_read_only_in_admin(admin_client, reviewed):
    page = admin_client.get(f"/admin/reviews/review/{reviewed.pk}/change/").content.decode()
    assert 'name="rating"' not in page
    admin_client.post(f"/admin/reviews/review/{reviewed.pk}/change/", {"rating": 1, "hidden_by_staff": "on"})
    reviewed.refresh_from_db()
    assert (reviewed.rating, reviewed.hidden_by_staff) == (4, False)
    assert admin_client.get("/admin/reviews/expertrating/").status_code == 200


def test_the_booking_page_invites_the_client_to_review(client, alice_client, completed):
    client.force_login(alice_client)

    page = client.get(f"/bookings/{completed.pk}/").content.decode()

    assert "Leave a review" in page and f"/reviews/bookings/{completed.pk}/" in page
    assert f"/payments/{completed.call.payment.pk}/receipt/" in page


def test_writing_then_editing_a_review_on_the_page(client, alice_client, completed):
    client.force_login(alice_client)
    path = f"/reviews/bookings/{completed.pk}/"
    assert client.get(path).status_code == 200

    written = client.post(path, {"rating": "5", "text": "Worth every kobo."})
    edited = client.post(path, {"rating": "3", "text": "Good, on reflection."})

    assert written.status_code == edited.status_code == 302
    review = Review.objects.get(booking=completed)
    assert (review.rating, review.text) == (3, "Good, on reflection.")


def test_the_review_page_refuses_a_call_that_did_not_happen(client, alice_client, bob_expert):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.CONFIRMED)
    client.force_login(alice_client)

    response = client.post(f"/reviews/bookings/{booking.pk}/", {"rating": "5"})

    assert response.status_code == 400
    assert "You can review this call once it has taken place." in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("bob_expert", 403), ("dave_client", 404)])
def test_only_the_client_opens_the_review_page(client, request, completed, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/reviews/bookings/{completed.pk}/").status_code == status


def test_the_expert_replies_from_the_booking_page(client, bob_expert, reviewed):
    client.force_login(bob_expert)
    booking_page = f"/bookings/{reviewed.booking_id}/"
    assert "Publish reply" in client.get(booking_page).content.decode()

    response = client.post(f"/reviews/bookings/{reviewed.booking_id}/reply/", {"text": "Glad it helped!"}, follow=True)

    assert "Your reply is published." in response.content.decode()
    assert Review.objects.get().expert_reply == "Glad it helped!"
    assert "Publish reply" not in client.get(booking_page).content.decode()


@pytest.mark.parametrize(("who", "status"), [("alice_client", 403), ("carol_expert", 404)])
def test_nobody_else_replies_from_a_page(client, request, reviewed, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.post(f"/reviews/bookings/{reviewed.booking_id}/reply/", {"text": "Hi"}).status_code == status
    assert Review.objects.get().expert_reply == ""
