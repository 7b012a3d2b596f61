"""The bookings list (API and page) costs the same number of queries for 1 booking as
for 6: no query per booking."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scheduling.bookings.reschedules import reschedule_propose
from tests.bookings.helpers import paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


def queries(fetch) -> int:
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return len(captured.captured_queries)


@pytest.mark.parametrize("path", ["/api/v1/bookings", "/api/v1/payments"])
def test_the_api_lists_cost_no_query_per_booking(api_as, alice_client, bob_hour, slot, path):
    alice = api_as(alice_client)
    paid_booking(alice_client, bob_hour, slot)
    alice.get(path)  # warm up: session, content types
    one = queries(lambda: alice.get(path))
    for hour in range(1, 6):
        paid_booking(alice_client, bob_hour, slot + dt.timedelta(hours=hour))
    assert queries(lambda: alice.get(path)) == one


@pytest.mark.parametrize("viewer", ["bob_expert", "alice_client"])
def test_my_bookings_page_costs_no_query_per_booking(request, client, bob_expert, alice_client, bob_hour, slot, viewer):
    # Each booking carries an open reschedule proposal, which the list flags.
    def booked(hour: int) -> None:
        booking = paid_booking(alice_client, bob_hour, slot + dt.timedelta(hours=hour))
        reschedule_propose(booking=booking, actor=bob_expert, start=slot + dt.timedelta(days=1, hours=hour))

    client.force_login(request.getfixturevalue(viewer))
    booked(0)
    client.get("/bookings/")
    one = queries(lambda: client.get("/bookings/"))
    for hour in range(1, 6):
        booked(hour)
    assert queries(lambda: client.get("/bookings/")) == one
