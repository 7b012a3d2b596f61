"""Booking transitions as an integrator meets them: the wrong party hears 403 whatever
it sends, a refusal by state names the action plainly, and every answer of the bookings
routes is one the OpenAPI schema describes."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from scheduling.bookings.transitions import booking_cancel
from scheduling.models_booking import BookingEvent, RescheduleProposal
from tests.bookings.helpers import book, fresh, paid_booking
from tests.contract.test_schema_matches_answers import conforms, openapi  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid(alice_client, bob_hour, slot):
    return paid_booking(alice_client, bob_hour, slot)


def post(api_as, user, booking, action, body):
    return api_as(user).post(f"/api/v1/bookings/{booking.pk}/{action}", body, format="json")


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("reschedule", {}),
        ("reschedule", {"start": "nonsense"}),
        ("reschedule", {"start": "2030-01-01T09:00:00"}),
        ("decline", {"reason": ["not", "text"]}),
        ("decline", {"reason": "x" * 501}),
    ],
)
def test_the_client_hears_403_for_the_experts_actions_whatever_the_body(api_as, alice_client, paid, action, body):
    before = BookingEvent.objects.count()

    answer = post(api_as, alice_client, paid, action, body)

    assert answer.status_code == 403, answer.json()
    assert answer.json()["error"]["code"] == "forbidden"
    assert fresh(paid).status == "pending"
    assert BookingEvent.objects.count() == before and not RescheduleProposal.objects.exists()


def test_the_expert_still_hears_about_a_bad_body(api_as, bob_expert, paid):
    assert "start" in post(api_as, bob_expert, paid, "reschedule", {"start": "nonsense"}).json()["error"]["fields"]
    assert "reason" in post(api_as, bob_expert, paid, "decline", {"reason": "x" * 501}).json()["error"]["fields"]


def test_a_reschedule_refused_by_the_status_says_so_plainly(api_as, alice_client, bob_expert, paid, slot):
    booking_cancel(booking=paid, actor=alice_client)
    cases = [
        (bob_expert, "reschedule", {"start": (slot + dt.timedelta(days=1)).isoformat()}),
        (bob_expert, "reschedule/withdraw", {}),
        (alice_client, "reschedule/accept", {}),
        (alice_client, "reschedule/decline", {}),
    ]
    for user, action, body in cases:
        answer = post(api_as, user, paid, action, body)
        assert answer.status_code == 409
        error = answer.json()["error"]
        assert (error["code"], error["fields"]) == ("illegal_transition", {"status": ["cancelled"]})
        assert error["message"] == "This booking is cancelled, so it cannot be rescheduled.", action


def test_every_bookings_answer_is_in_the_schema(
    openapi,  # noqa: F811
    api_as,
    alice_client,
    dave_client,
    bob_expert,
    bob_hour,
    paid,
    slot,
):
    alice, bob, dave = api_as(alice_client), api_as(bob_expert), api_as(dave_client)
    unpaid = book(alice_client, bob_hour, slot + dt.timedelta(hours=2))
    later = (slot + dt.timedelta(days=1)).isoformat()
    answers = []

    def ask(client, method: str, suffix: str, body=None, booking=paid):
        """``method`` on the booking's route ``suffix`` ("" is the booking itself)."""
        path = "/api/v1/bookings/{booking_id}" + suffix
        answer = getattr(client, method)(path.format(booking_id=booking.pk), body, format="json")
        answers.append((method, path, answer))

    book_with = "/api/v1/bookings"
    for client, body in [
        (alice, {"area": bob_hour.pk, "start": "x"}),
        (bob, {}),
        (dave, {"area": bob_hour.pk, "start": slot.isoformat()}),
    ]:
        answers.append(("post", book_with, client.post(book_with, body, format="json")))
    answers.append(("get", book_with, alice.get(book_with)))
    answers.append(("get", book_with, bob.get(book_with, {"status": "nope"})))
    ask(alice, "get", "", booking=unpaid)
    ask(bob, "get", "", booking=unpaid)
    ask(APIClient(), "get", "")
    ask(alice, "post", "/decline", {})
    ask(bob, "post", "/accept")
    ask(bob, "post", "/accept")
    ask(bob, "post", "/reschedule", {"start": "x"})
    ask(bob, "post", "/reschedule", {"start": later})
    ask(bob, "post", "/reschedule", {"start": later})
    ask(alice, "post", "/reschedule/accept")
    ask(alice, "post", "/reschedule/decline")
    ask(bob, "post", "/cancel", {})
    ask(alice, "post", "/cancel", {})
    assert [answer.status_code for *_where, answer in answers] == [
        400, 403, 409, 200, 400, 200, 404, 401, 403, 200, 409, 400, 200, 409, 200, 409, 200, 409
    ]  # fmt: skip
    for method, path, answer in answers:
        conforms(openapi, answer, method, path)
