"""A request unanswered by its start expires (SPEC §3): declining it after the start is
refused like accepting (409 ``too_late``), and the expiry job records it as expired."""

import datetime as dt

import pytest

from scheduling.bookings.transitions import booking_decline, booking_expire_unanswered
from scheduling.models_booking import BookingEvent
from tests.bookings.helpers import fresh, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid(alice_client, bob_hour, slot):
    return paid_booking(alice_client, bob_hour, slot)


@pytest.mark.parametrize("after", [dt.timedelta(0), dt.timedelta(minutes=1), dt.timedelta(days=3)])
def test_declining_at_or_after_the_start_is_too_late_and_the_job_expires_it(
    api_as, bob_expert, paid, frozen_now, after
):
    frozen_now(paid.call.scheduled_start + after)

    answer = api_as(bob_expert).post(f"/api/v1/bookings/{paid.pk}/decline", {"reason": "Busy"}, format="json")

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "too_late"
    booking = fresh(paid)
    assert (booking.status, booking.decline_reason, booking.call.payment.status) == ("pending", "", "held")
    assert not BookingEvent.objects.filter(booking=paid, action="declined").exists()

    assert booking_expire_unanswered() == 1
    booking = fresh(paid)
    assert (booking.status, booking.call.payment.status) == ("expired", "refunded")


def test_declining_just_before_the_start_still_works(bob_expert, paid):
    booking = booking_decline(booking=paid, actor=bob_expert, now=paid.call.scheduled_start - dt.timedelta(seconds=1))
    assert booking.status == "declined"


def test_an_illegal_decline_after_the_start_still_names_the_status(api_as, bob_expert, alice_client, paid, frozen_now):
    api_as(alice_client).post(f"/api/v1/bookings/{paid.pk}/cancel", format="json")
    frozen_now(paid.call.scheduled_start + dt.timedelta(minutes=1))

    answer = api_as(bob_expert).post(f"/api/v1/bookings/{paid.pk}/decline", format="json")

    assert answer.status_code == 409 and answer.json()["error"]["code"] == "illegal_transition"


@pytest.mark.parametrize(("who", "expected"), [("alice_client", 403), ("dave_client", 404), ("carol_expert", 404)])
def test_the_wrong_people_are_refused_before_the_time_is_judged(api_as, request, paid, frozen_now, who, expected):
    frozen_now(paid.call.scheduled_start + dt.timedelta(minutes=1))

    answer = api_as(request.getfixturevalue(who)).post(f"/api/v1/bookings/{paid.pk}/decline", format="json")

    assert answer.status_code == expected
    assert fresh(paid).status == "pending"


def test_the_requests_page_decline_after_the_start_changes_nothing(client, bob_expert, paid, frozen_now):
    frozen_now(paid.call.scheduled_start + dt.timedelta(minutes=5))
    client.force_login(bob_expert)

    answer = client.post(f"/bookings/{paid.pk}/decline/", {"reason": "Late"}, follow=True)

    assert answer.status_code == 200
    assert "can no longer be declined" in answer.content.decode()
    assert fresh(paid).status == "pending"


def test_the_booking_page_offers_no_answer_once_the_start_has_come(client, bob_expert, paid, frozen_now):
    client.force_login(bob_expert)
    before = client.get(f"/bookings/{paid.pk}/").content.decode()
    assert f"/bookings/{paid.pk}/decline/" in before and f"/bookings/{paid.pk}/accept/" in before

    frozen_now(paid.call.scheduled_start + dt.timedelta(minutes=1))
    after = client.get(f"/bookings/{paid.pk}/").content.decode()

    assert f"/bookings/{paid.pk}/decline/" not in after and f"/bookings/{paid.pk}/accept/" not in after
