""" "My bookings" says what to do next on each booking: join a call whose window is open,
how long until one that is not, rate a call that took place; and every time carries its
zone."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ClientProfile
from reviews.services import review_create
from scheduling.models_booking import BookingStatus
from tests.calls.bookings import confirmed
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.django_db


def my_bookings(client, user) -> str:
    client.force_login(user)
    return client.get("/bookings/").content.decode()


def test_a_call_whose_window_is_open_offers_join(client, alice_client, bob_hour):
    booking = confirmed(alice_client, bob_hour)  # starts in 5 minutes

    page = my_bookings(client, alice_client)

    assert f'href="/calls/{booking.call.pk}/lobby/"' in page
    assert ">Join<" in page


def test_a_later_call_shows_how_long_until_it_starts(client, alice_client, bob_hour):
    confirmed(alice_client, bob_hour, start=timezone.now() + dt.timedelta(days=2, minutes=5))

    page = my_bookings(client, alice_client)

    assert "Starts in 2\xa0days" in page
    assert ">Join<" not in page


def test_a_completed_call_prompts_its_client_for_a_review_until_they_write_one(client, alice_client, bob_expert):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    assert f'href="/reviews/bookings/{booking.pk}/"' in my_bookings(client, alice_client)
    assert "Rate this call" not in my_bookings(client, bob_expert)

    review_create(booking_id=booking.pk, client=alice_client, rating=5, text="Spot on.")

    assert "Rate this call" not in my_bookings(client, alice_client)


def test_times_carry_their_zone(client, alice_client, bob_hour):
    ClientProfile.objects.filter(user=alice_client).update(timezone="Africa/Lagos")
    confirmed(alice_client, bob_hour)

    page = my_bookings(client, alice_client)

    assert " WAT</time>" in page
    assert "Times are shown in Africa/Lagos." in page and 'href="/account/#profile"' in page


def test_past_calls_cost_no_query_each(client, alice_client, bob_expert):
    seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    my_bookings(client, alice_client)
    with CaptureQueriesContext(connection) as one:
        client.get("/bookings/")
    for _ in range(4):
        seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    with CaptureQueriesContext(connection) as five:
        client.get("/bookings/")
    assert len(five.captured_queries) == len(one.captured_queries)
