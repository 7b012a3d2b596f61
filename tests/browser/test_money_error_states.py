"""The money and review pages in their error states stay accessible and speak plainly:
a bank account form with a wrong number, a payout form above the balance, a review form
sent without a rating, and a dashboard earning in two currencies."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from scheduling.models_booking import BookingStatus
from tests.browser.helpers import assert_accessible
from tests.payouts.factories import bank_account, earning, seeded_booking

pytestmark = pytest.mark.browser


def test_bank_and_payout_forms_show_their_errors_accessibly(
    page, logged_in_page, payouts_site, bob_expert, alice_client
):
    earning(bob_expert, alice_client, 1_500_000, released_at=timezone.now())
    logged_in_page(bob_expert)

    page.goto("/payments/bank-account/")
    page.get_by_label("Bank", exact=True).select_option(label="Guaranty Trust Bank")
    page.get_by_label("Account number").fill("０１２３４５６７８９")
    page.get_by_role("button", name="Check account").click()
    expect(page.get_by_text("Enter the account number: 6 to 20 digits.").first).to_be_visible()
    assert_accessible(page)

    bank_account(bob_expert)
    page.goto("/payments/payouts/")
    page.get_by_label("Amount (NGN)").fill("50000")
    page.get_by_role("button", name="Request payout").click()
    expect(page.get_by_text("You can withdraw at most ₦13,500.").first).to_be_visible()
    assert_accessible(page)


def test_a_review_sent_without_a_rating_is_explained(page, logged_in_page, payouts_site, bob_expert, alice_client):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    logged_in_page(alice_client)

    page.goto(f"/reviews/bookings/{booking.pk}/")
    page.get_by_label("Your review").fill("No stars chosen.")
    page.get_by_role("button", name="Publish review").click()
    expect(page.get_by_label("Your review")).to_have_value("No stars chosen.")
    assert_accessible(page)


def test_a_dashboard_in_two_currencies_draws_a_chart_for_each(
    page, logged_in_page, payouts_site, bob_expert, alice_client
):
    earning(bob_expert, alice_client, 1_500_000, released_at=timezone.now())
    earning(bob_expert, alice_client, 20_000, currency="GHS", released_at=timezone.now())
    logged_in_page(bob_expert)

    page.goto("/dashboard/")

    expect(page.locator("svg.revenue-chart__svg")).to_have_count(2)
    expect(page.locator('[data-figure="month-earnings"]')).to_contain_text("GH₵180")
    expect(page.locator('[data-figure="month-earnings"]')).to_contain_text("₦13,500")
    assert_accessible(page)
