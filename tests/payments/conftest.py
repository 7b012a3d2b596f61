import pytest

from payments.providers import get_provider


@pytest.fixture
def paystack(fake_paystack):
    """The real Paystack client, talking to the local fake."""
    return get_provider()


@pytest.fixture
def test_provider(settings, db):
    settings.PAYMENT_PROVIDER = "test"
    return get_provider()


@pytest.fixture
def webhook_inbox(monkeypatch):
    """Webhooks of the test provider land in ``webhook_inbox.deliveries``."""
    from tests.payments import webhook_inbox

    webhook_inbox.deliveries.clear()
    monkeypatch.setattr("payments.providers.test.WEBHOOK_HANDLER", "tests.payments.webhook_inbox.receive")
    yield webhook_inbox
    webhook_inbox.deliveries.clear()
