"""Every account page a person can reach, in its normal and its error state, passes axe.

The sign-up and session flows are in test_signup_and_sessions.py; this walks the rest of
allauth's pages (password reset by email, password change, email addresses, logout
confirmation, the inactive-account page, the third-party pages) and the forms with
errors shown, where missing labels and descriptions usually hide."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.services import user_deactivate
from tests.browser.helpers import assert_accessible, login_via_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a-brand-new-long-passphrase"


def _visit(page, path: str, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading, ignore_case=True)
    assert_accessible(page)


def test_forms_with_errors_stay_accessible(page, alice_client):
    _visit(page, "/accounts/signup/", "Create")
    page.get_by_label("Email").fill("ALICE@example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("other")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_accessible(page)

    _visit(page, "/accounts/login/", "Log in")
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert").first).to_contain_text("not correct")
    assert_accessible(page)


def test_a_forgotten_password_is_reset_through_the_emailed_link(page, alice_client):
    _visit(page, "/accounts/password/reset/", "password")
    page.get_by_label("Email").fill("Alice@Example.com")
    page.get_by_role("button", name=re.compile("reset", re.IGNORECASE)).click()
    page.wait_for_url("**/accounts/password/reset/done/")
    assert_accessible(page)

    link = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Choose a new password")
    assert_accessible(page)
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save new password").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your password is changed")
    assert_accessible(page)
    alice_client.refresh_from_db()
    assert alice_client.check_password(NEW_PASSWORD)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("This link no longer works")
    assert_accessible(page)


def test_signed_in_account_pages(page, alice_client):
    login_via_page(page, "alice@example.com", PASSWORD)
    _visit(page, "/accounts/password/change/", "password")
    _visit(page, "/accounts/email/", "Email")
    _visit(page, "/accounts/3rdparty/", "")
    _visit(page, "/accounts/logout/", "Log out")
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert_accessible(page)


def test_pages_people_land_on_when_something_is_off(page, alice_client):
    _visit(page, "/accounts/3rdparty/login/error/", "We could not sign you in")
    _visit(page, "/accounts/3rdparty/login/cancelled/", "")
    _visit(page, "/accounts/confirm-email/not-a-key/", "")

    user_deactivate(user=alice_client)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/inactive/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("inactive")
    assert_accessible(page)
