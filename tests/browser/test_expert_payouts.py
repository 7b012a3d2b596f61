"""An expert with earnings adds a bank account (confirming the name on it), requests a
payout and sees it paid in the history (test provider: the transfer webhook arrives at
once); the dashboard, receipts and reviews pages pass the accessibility check too."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from payments.models_payouts import Payout
from reviews.services import review_create
from scheduling.models_booking import BookingStatus
from tests.browser.helpers import assert_accessible
from tests.payouts.factories import earning, seeded_booking

pytestmark = pytest.mark.browser


def test_an_expert_adds_a_bank_account_and_is_paid_out(page, logged_in_page, payouts_site, bob_expert, alice_client):
    for _ in range(2):
        earning(bob_expert, alice_client, 1_500_000, released_at=timezone.now())
    logged_in_page(bob_expert)

    page.goto("/dashboard/")
    expect(page.locator('[data-figure="available"]')).to_contain_text("₦27,000")
    expect(page.locator("svg.revenue-chart__svg")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Payouts", exact=True).first.click()
    expect(page.get_by_role("heading", name="Payouts", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a bank account").click()
    page.get_by_label("Bank", exact=True).select_option(label="Guaranty Trust Bank")
    page.get_by_label("Account number").fill("0123456789")
    assert_accessible(page)
    page.get_by_role("button", name="Check account").click()
    expect(page.locator("[data-account-name]")).to_have_text("TEST ACCOUNT 6789")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, save this account").click()

    expect(page.locator("[data-account-number]")).to_have_text("••••••6789")
    page.get_by_label("Amount (NGN)").fill("20000")
    page.get_by_role("button", name="Request payout").click()

    expect(page.get_by_text("Payout of ₦20,000 requested.")).to_be_visible()
    row = page.locator("[data-payout-history] tbody tr").first
    expect(row.locator("[data-payout-status]")).to_have_text("Paid")
    expect(row).to_contain_text("₦20,000")
    expect(page.locator('[data-currency="NGN"] [data-available]')).to_have_text("₦7,000")
    assert_accessible(page)
    assert Payout.objects.get(expert=bob_expert).status == "paid"


def test_a_client_reviews_a_call_and_prints_its_receipt(page, logged_in_page, payouts_site, bob_expert, alice_client):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    logged_in_page(alice_client)

    page.goto(f"/bookings/{booking.pk}/")
    page.get_by_role("link", name="Leave a review").click()
    assert_accessible(page)
    page.get_by_label("5 of 5").check()
    page.get_by_label("Your review").fill("Clear, practical, worth it.")
    page.get_by_role("button", name="Publish review").click()
    expect(page.get_by_text("Thank you, your review is saved.")).to_be_visible()
    expect(page.locator("[data-review]")).to_contain_text("Clear, practical, worth it.")
    assert_accessible(page)

    page.goto("/payments/history/")
    assert_accessible(page)
    page.locator("[data-payment-history]").get_by_role("link", name="Receipt").click()
    expect(page.get_by_role("heading", name="Receipt")).to_be_visible()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()


def test_the_profile_shows_reviews_accessibly(page, payouts_site, bob_expert, alice_client):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)
    review_create(booking_id=booking.pk, client=alice_client, rating=4, text="Very helpful.")

    page.goto(f"/experts/{bob_expert.expert_profile.slug}/")

    expect(page.locator("[data-rating]")).to_contain_text("4.0 out of 5 · 1 review")
    expect(page.locator("#reviews")).to_contain_text("Very helpful.")
    assert_accessible(page)
