"""Changing one's password: the page speaks the site's sentence case ("Change password",
as the account menu says), refuses a wrong current password and then takes the new one."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a-brand-new-Passphrase-42"


def test_a_client_changes_their_password(logged_in_page, alice_client):
    page = logged_in_page(alice_client)
    page.goto("/accounts/password/change/")
    expect(page).to_have_title(re.compile("^Change password · ProcusMeet"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change password")
    assert_accessible(page)

    page.get_by_label("Current password", exact=True).fill("not-my-password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password (again)", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password", exact=True).click()

    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Current password", exact=True)).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_label("Current password", exact=True).fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password (again)", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password", exact=True).click()

    expect(page.locator("#toasts")).to_contain_text("Password successfully changed.")
    alice_client.refresh_from_db()
    assert alice_client.check_password(NEW_PASSWORD)
    assert_accessible(page)
