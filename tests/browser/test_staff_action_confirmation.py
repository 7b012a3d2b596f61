"""A staff action in admin, as a newcomer clicks it: tick a user, pick "Deactivate
selected users", press Go, read the "are you sure?" page, confirm, read what happened."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from ops.models import AuditEntry
from tests.browser.helpers import assert_accessible
from tests.ops.conftest import staff  # noqa: F401  (fixture: a superuser)

pytestmark = pytest.mark.browser


def test_deactivating_a_user_asks_first_then_says_what_happened(logged_in_page, staff, alice_client):  # noqa: F811
    page = logged_in_page(staff)
    page.goto("/admin/accounts/user/")
    page.locator(f'input[name="_selected_action"][value="{alice_client.pk}"]').check()
    page.locator('select[name="action"]').select_option("deactivate_users")
    page.get_by_role("button", name="Go", exact=True).click()

    expect(page.get_by_role("heading", name="Are you sure?")).to_be_visible()
    expect(page.get_by_text("alice@example.com")).to_be_visible()
    assert User.objects.get(pk=alice_client.pk).is_active  # nothing yet
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Yes, I.m sure")).click()

    expect(page.get_by_text("Deactivated 1 user.")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.get(pk=alice_client.pk).is_active
    assert AuditEntry.objects.get().actor_id == staff.pk
