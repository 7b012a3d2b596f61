"""The expert's dashboard puts what needs them now first: paid requests to accept inline,
then calls (with "Join" once the call opens), then the figures. Every time carries its
zone."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scheduling.models_booking import Booking, BookingStatus
from tests.bookings.helpers import LAGOS, lagos_at, paid_booking
from tests.browser.helpers import assert_accessible
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_a_request_is_accepted_from_the_dashboard_itself(logged_in_page, site, alice_client, bob_expert, bob_service):
    booking = paid_booking(alice_client, bob_service, lagos_at(days=2, time="10:00"))
    page = logged_in_page(bob_expert)
    page.goto("/dashboard/")
    requests = page.get_by_role("region", name="Requests awaiting your answer")
    expect(requests.get_by_role("link", name="Decline or propose a time (Alice Client)")).to_be_visible()
    assert_accessible(page)

    requests.get_by_role("button", name="Accept the booking from Alice Client").click()

    page.wait_for_url("**/dashboard/")
    expect(page.get_by_text("Booking accepted.")).to_be_visible()
    expect(page.get_by_role("region", name="Upcoming calls")).to_contain_text("Career advice")
    assert_accessible(page)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_requests_and_calls_come_before_the_figures_on_a_phone(
    logged_in_page, site, alice_client, bob_expert, bob_service
):
    paid_booking(alice_client, bob_service, lagos_at(days=2, time="10:00"))
    page = logged_in_page(bob_expert)
    page.set_viewport_size(PHONE)
    page.goto("/dashboard/")

    requests = page.get_by_role("region", name="Requests awaiting your answer").bounding_box()
    figures = page.locator("[data-figures]").bounding_box()
    assert requests["y"] + requests["height"] <= figures["y"]
    assert requests["y"] < PHONE["height"]  # on the first screen
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_accessible(page)


def test_a_call_about_to_start_has_join_and_its_time_carries_the_zone(
    logged_in_page, alice_client, bob_expert, bob_service
):
    start = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=5)
    booking = seeded_booking(
        expert=bob_expert, client=alice_client, status=BookingStatus.CONFIRMED, area=bob_service, start=start
    )
    page = logged_in_page(bob_expert)
    page.goto("/dashboard/")
    upcoming = page.get_by_role("region", name="Upcoming calls")

    expect(upcoming.get_by_role("link", name="Join Career advice")).to_have_attribute(
        "href", f"/calls/{booking.call.pk}/lobby/"
    )
    expect(upcoming.locator("time")).to_contain_text(f"{start.astimezone(LAGOS):%H:%M} WAT")
    assert_accessible(page)
