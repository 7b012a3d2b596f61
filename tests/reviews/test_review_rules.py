"""Who may review what: only the client of a completed call, once, editable for 7 days;
only that call's expert replies, once."""

import datetime as dt

import pytest

from notifications.models import Notification, NotificationKind
from reviews.errors import ReviewEditClosed, ReviewReplyExists
from reviews.models import Review
from reviews.services import review_reply, review_update
from scheduling.models_booking import BookingStatus
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.django_db


def _review(client, booking, body=None):
    body = {"rating": 5, "text": "Great"} if body is None else body
    return client.post(f"/api/v1/bookings/{booking.pk}/review", body, format="json")


def test_the_client_of_a_completed_call_reviews_it(api_as, alice_client, bob_expert, completed):
    response = _review(api_as(alice_client), completed, {"rating": 5, "text": "  Superb advice.  "})

    assert response.status_code == 201
    body = response.json()
    assert (body["rating"], body["text"], body["booking"], body["reviewer"]) == (
        5,
        "Superb advice.",
        completed.pk,
        "Alice C.",
    )
    assert body["expert_reply"] == "" and body["hidden_by_staff"] is False
    note = Notification.objects.get(user=bob_expert, kind=NotificationKind.REVIEW_RECEIVED)
    assert note.url == f"/bookings/{completed.pk}/"


def test_a_second_review_of_the_same_call_is_a_409(api_as, alice_client, completed):
    client = api_as(alice_client)
    _review(client, completed)

    response = _review(client, completed, {"rating": 1})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "review_exists"
    assert Review.objects.get().rating == 5


@pytest.mark.parametrize("status", [BookingStatus.CONFIRMED, BookingStatus.PENDING, BookingStatus.CANCELLED])
def test_a_call_that_did_not_take_place_cannot_be_reviewed(api_as, alice_client, bob_expert, status):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=status)

    response = _review(api_as(alice_client), booking)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "review_not_allowed"
    assert not Review.objects.exists()


def test_a_no_show_cannot_be_reviewed(api_as, alice_client, bob_expert):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.CANCELLED, no_show=True)

    assert _review(api_as(alice_client), booking).status_code == 409


def test_the_expert_cannot_review_their_own_call(api_as, bob_expert, completed):
    response = _review(api_as(bob_expert), completed)

    assert response.status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("who", ["dave_client", "carol_expert"])
def test_someone_else_learns_nothing_about_the_booking(api_as, request, completed, who):
    response = _review(api_as(request.getfixturevalue(who)), completed)

    assert response.status_code == 404
    assert not Review.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("bob_expert", 403), ("carol_expert", 404), ("dave_client", 404)])
def test_who_may_review_is_answered_before_the_body_is_read(api_as, request, completed, who, status):
    # A bad body from someone who may not review at all still gets the permission answer.
    response = _review(api_as(request.getfixturevalue(who)), completed, {"rating": "five"})

    assert response.status_code == status


def test_anonymous_callers_get_401(api, completed):
    assert _review(api, completed).status_code == 401


@pytest.mark.parametrize(
    "body", [{"rating": 0}, {"rating": 6}, {"rating": "five"}, {}, {"rating": 5, "text": "x" * 2001}]
)
def test_bad_reviews_are_field_errors(api_as, alice_client, completed, body):
    response = _review(api_as(alice_client), completed, body)

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) <= {"rating", "text"}
    assert not Review.objects.exists()


def test_a_review_is_editable_for_seven_days(reviewed, alice_client):
    written = reviewed.created_at

    edited = review_update(
        booking_id=reviewed.booking_id, client=alice_client, rating=5, now=written + dt.timedelta(days=6, hours=23)
    )

    assert (edited.rating, edited.text) == (5, "Clear and practical.")
    with pytest.raises(ReviewEditClosed):
        review_update(
            booking_id=reviewed.booking_id,
            client=alice_client,
            text="Late",
            now=written + dt.timedelta(days=7, seconds=1),
        )
    assert Review.objects.get().text == "Clear and practical."


def test_editing_through_the_api(api_as, alice_client, bob_expert, reviewed, frozen_now):
    client = api_as(alice_client)
    path = f"/api/v1/bookings/{reviewed.booking_id}/review"

    changed = client.patch(path, {"text": "Even better on reflection."}, format="json")
    assert changed.status_code == 200 and changed.json()["text"] == "Even better on reflection."
    assert api_as(bob_expert).patch(path, {"rating": 5}, format="json").status_code == 403

    frozen_now(reviewed.edited_until + dt.timedelta(minutes=1))
    late = client.patch(path, {"rating": 1}, format="json")
    assert late.status_code == 409 and late.json()["error"]["code"] == "review_edit_closed"


def test_the_expert_replies_once(api_as, bob_expert, alice_client, reviewed):
    path = f"/api/v1/bookings/{reviewed.booking_id}/review/reply"
    client = api_as(bob_expert)

    first = client.post(path, {"text": "Thank you, Alice!"}, format="json")
    second = client.post(path, {"text": "Edited thanks"}, format="json")

    assert first.status_code == 201 and first.json()["expert_reply"] == "Thank you, Alice!"
    assert second.status_code == 409 and second.json()["error"]["code"] == "review_reply_exists"
    assert Review.objects.get().expert_reply == "Thank you, Alice!"
    with pytest.raises(ReviewReplyExists):
        review_reply(booking_id=reviewed.booking_id, expert=bob_expert, text="Again")


@pytest.mark.parametrize(("who", "status"), [("alice_client", 403), ("carol_expert", 404), ("dave_client", 404)])
def test_only_that_calls_expert_replies(api_as, request, reviewed, who, status):
    response = api_as(request.getfixturevalue(who)).post(
        f"/api/v1/bookings/{reviewed.booking_id}/review/reply", {"text": "Hi"}, format="json"
    )

    assert response.status_code == status
    assert Review.objects.get().expert_reply == ""


def test_an_empty_reply_is_a_field_error(api_as, bob_expert, reviewed):
    response = api_as(bob_expert).post(
        f"/api/v1/bookings/{reviewed.booking_id}/review/reply", {"text": "  "}, format="json"
    )

    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("who", "status"), [("alice_client", 200), ("bob_expert", 200), ("dave_client", 404), ("carol_expert", 404)]
)
def test_both_participants_read_the_bookings_review(api_as, request, reviewed, who, status):
    response = api_as(request.getfixturevalue(who)).get(f"/api/v1/bookings/{reviewed.booking_id}/review")

    assert response.status_code == status


def test_no_review_yet_is_a_404(api_as, alice_client, completed):
    assert api_as(alice_client).get(f"/api/v1/bookings/{completed.pk}/review").status_code == 404


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("get", "", None), ("post", "", {"rating": 5}), ("patch", "", {"rating": 5}), ("post", "/reply", {"text": "Hi"})],
)
def test_every_booking_review_endpoint_needs_a_login(api, reviewed, method, suffix, body):
    path = f"/api/v1/bookings/{reviewed.booking_id}/review{suffix}"
    response = getattr(api, method)(path, body, format="json") if body else getattr(api, method)(path)

    assert response.status_code == 401
