"""The test provider's checkout in a real browser: accessible, clearly test mode, and
Pay / Fail lead back to the callback with the reference."""

import pytest
from playwright.sync_api import expect

from payments.models import TestTransaction
from payments.providers import get_provider
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def checkout(settings, monkeypatch):
    settings.PAYMENT_PROVIDER = "test"
    # The booking app's webhook service is not under test here; record deliveries instead.
    from tests.payments import webhook_inbox

    webhook_inbox.deliveries.clear()
    monkeypatch.setattr("payments.providers.test.WEBHOOK_HANDLER", "tests.payments.webhook_inbox.receive")
    provider = get_provider()
    charge = provider.prepare(amount=2_500_050, currency="NGN", email="alice@example.com", callback_url="/?booking=7")
    yield provider.charge_initialize(charge)
    webhook_inbox.deliveries.clear()


def test_paying_on_the_test_checkout_returns_to_the_callback(page, checkout):
    from tests.payments import webhook_inbox

    page.goto(checkout.authorization_url)
    expect(page.get_by_role("note")).to_contain_text("Test mode — no money moves.")
    expect(page.locator(".summary")).to_contain_text("₦25,000.50")
    assert_accessible(page)

    page.get_by_role("button", name="Pay ₦25,000.50").click()

    page.wait_for_url(f"**/?booking=7&reference={checkout.reference}")
    assert TestTransaction.objects.get(reference=checkout.reference).status == "success"
    assert len(webhook_inbox.deliveries) == 1


def test_failing_on_the_test_checkout_returns_and_allows_another_try(page, checkout):
    page.goto(checkout.authorization_url)
    page.get_by_role("button", name="Fail the payment").click()
    page.wait_for_url(f"**reference={checkout.reference}")
    assert TestTransaction.objects.get(reference=checkout.reference).status == "failed"

    page.goto(checkout.authorization_url)
    expect(page.get_by_role("alert")).to_contain_text("The last attempt failed")
    assert_accessible(page)
