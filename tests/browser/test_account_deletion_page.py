"""On the account page a person asks to delete their account, confirming with their
password; a wrong password says so next to the field; the request can be withdrawn.
They also set the time zone their bookings are shown in."""

import pytest
from playwright.sync_api import expect

from accounts.models import AccountDeletionRequest, ClientProfile, DeletionStatus
from tests.browser.helpers import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_client_asks_to_delete_their_account_and_withdraws(logged_in_page, alice_client):
    page = logged_in_page(alice_client)
    page.goto("/account/")
    section = page.get_by_role("region", name="Delete account")
    expect(section).to_be_visible()
    assert_accessible(page)

    section.get_by_label("Your password").fill("not-my-password")
    section.get_by_role("button", name="Request account deletion").click()
    section = page.get_by_role("region", name="Delete account")
    expect(section.get_by_text("The password is not right.").first).to_be_visible()
    expect(section.get_by_label("Your password")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert not AccountDeletionRequest.objects.exists()

    section.get_by_label("Your password").fill(PASSWORD)
    section.get_by_label("Why are you leaving?").fill("Moving on")
    section.get_by_role("button", name="Request account deletion").click()
    expect(page.get_by_text("We received your request to delete your account.")).to_be_visible()
    expect(page.locator("[data-deletion-pending]")).to_contain_text("You asked us to delete your account")
    assert_accessible(page)
    assert AccountDeletionRequest.objects.get().status == DeletionStatus.PENDING

    page.get_by_role("button", name="Withdraw the request").click()
    expect(page.get_by_text("Your request is withdrawn.")).to_be_visible()
    expect(page.get_by_role("button", name="Request account deletion")).to_be_visible()
    assert_accessible(page)
    assert AccountDeletionRequest.objects.get().status == DeletionStatus.WITHDRAWN


def test_a_client_sets_their_time_zone_and_bookings_say_so(logged_in_page, alice_client):
    page = logged_in_page(alice_client)
    page.goto("/bookings/")
    expect(page.locator("[data-zone-note]")).to_contain_text("Times are shown in UTC.")
    assert_accessible(page)
    page.locator("[data-zone-note]").get_by_role("link", name="Change time zone").click()

    page.wait_for_url("**/account/#profile")
    profile = page.get_by_role("region", name="Profile")
    profile.get_by_label("Your time zone").select_option("Africa/Accra")
    profile.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Profile saved.")).to_be_visible()
    assert_accessible(page)
    assert ClientProfile.objects.get(user=alice_client).timezone == "Africa/Accra"

    page.goto("/bookings/")
    expect(page.locator("[data-zone-note]")).to_contain_text("Times are shown in Africa/Accra.")
    assert_accessible(page)
