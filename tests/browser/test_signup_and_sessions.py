import pytest
from playwright.sync_api import expect

from accounts.models import ExpertProfile, RefreshSession, Role, User
from accounts.tokens import session_start
from tests.browser.helpers import assert_accessible, login_via_page, sign_up_via_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_an_expert_signs_up_logs_out_and_logs_back_in(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Become an expert").first.click()
    page.wait_for_url("**/accounts/signup/?role=expert")
    assert_accessible(page)
    expect(page.get_by_label("Offer consultations (expert)")).to_be_checked()

    sign_up_via_page(page, full_name="Ngozi Expert", email="ngozi@example.com", password=PASSWORD)

    page.wait_for_url("**/dashboard/")  # a new expert starts with the listing checklist
    expect(page.get_by_role("heading", name="Get listed in the directory")).to_be_visible()
    assert_accessible(page)
    page.goto("/account/")
    expect(page.locator(".summary")).to_contain_text("Expert")
    user = User.objects.get(email="ngozi@example.com")
    assert user.role == Role.EXPERT and ExpertProfile.objects.filter(user=user).exists()

    page.locator(".account-menu__summary").click()
    page.get_by_role("button", name="Log out", exact=True).click()
    page.wait_for_url(lambda url: url.rstrip("/").count("/") == 2)
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert_accessible(page)

    login_via_page(page, "ngozi@example.com", PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    page.goto("/account/")
    expect(page.locator(".summary")).to_contain_text("ngozi@example.com")
    assert_accessible(page)


def test_revoking_an_api_session_on_the_account_page_ends_it(logged_in_page, bob_expert):
    doomed = session_start(user=bob_expert, user_agent="Test CLI/1.0", ip="203.0.113.9").session
    kept = session_start(user=bob_expert, user_agent="Calendar sync/2.1", ip="198.51.100.4").session
    page = logged_in_page(bob_expert)

    page.goto("/account/")
    assert_accessible(page)
    expect(page.locator(f"#session-{doomed.pk}")).to_contain_text("203.0.113.9")
    page.get_by_role("button", name="Revoke Test CLI/1.0").click()

    expect(page.locator(f"#session-{doomed.pk}")).to_have_count(0)
    expect(page.locator(f"#session-{kept.pk}")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Session revoked")
    assert page.url.endswith("/account/")
    assert not RefreshSession.objects.filter(pk=doomed.pk).exists()
    assert RefreshSession.objects.filter(pk=kept.pk).exists()
    assert_accessible(page)


def test_logging_out_everywhere_from_the_account_page(logged_in_page, alice_client):
    session_start(user=alice_client, user_agent="Phone", ip="203.0.113.10")
    page = logged_in_page(alice_client)

    page.goto("/account/")
    page.get_by_role("button", name="Log out everywhere").click()

    expect(page.get_by_role("status")).to_contain_text("logged out everywhere")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert not RefreshSession.objects.filter(user=alice_client).exists()
    assert_accessible(page)
