"""An expert with several requests from one client can tell the Accept buttons apart by
name (each carries the call's time), and the proposal they send reads as their own."""

import re

import pytest
from playwright.sync_api import expect

from tests.bookings.helpers import lagos_at, paid_booking
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_two_requests_from_one_client_have_distinct_answer_names(
    logged_in_page, site, alice_client, bob_expert, bob_service
):
    paid_booking(alice_client, bob_service, lagos_at(days=2, time="09:00"))
    paid_booking(alice_client, bob_service, lagos_at(days=2, time="11:00"))
    page = logged_in_page(bob_expert)
    page.goto("/dashboard/")
    requests = page.get_by_role("region", name="Requests awaiting your answer")

    accept = requests.get_by_role("button", name=re.compile("^Accept the booking from Alice Client"))
    expect(accept).to_have_count(2)
    names = {accept.nth(i).get_attribute("aria-label") for i in range(2)}
    assert len(names) == 2, names
    assert any(name.endswith("09:00 WAT") for name in names), names
    decline_at_eleven = re.compile(r"Decline or propose a time \(Alice Client\), .*11:00 WAT")
    expect(requests.get_by_role("link", name=decline_at_eleven)).to_have_count(1)
    assert_accessible(page)


def test_the_expert_reads_their_own_proposal_as_theirs(logged_in_page, site, alice_client, bob_expert, bob_service):
    booking = paid_booking(alice_client, bob_service, lagos_at(days=2, time="09:00"))
    page = logged_in_page(bob_expert)
    page.goto(f"/bookings/{booking.pk}/")
    assert_accessible(page)
    page.get_by_label(re.compile("^Propose another time")).select_option(index=1)

    page.get_by_role("button", name="Propose this time").click()

    proposal = page.get_by_role("region", name="A new time is proposed")
    expect(proposal).to_contain_text("You proposed")
    expect(proposal).to_contain_text("(Africa/Lagos)")
    expect(proposal).not_to_contain_text("The expert proposes")
    assert_accessible(page)
