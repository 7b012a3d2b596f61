"""The test provider's checkout: a page of our own app that imitates Paystack's, with
a clear test-mode banner, then the same callback and signed webhook as Paystack."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from payments.errors import PaymentProviderError
from payments.models import TestTransaction
from payments.providers.test import TestProvider
from payments.webhooks import paystack_signature_valid

CALLBACK = "/bookings/7/paid/?step=pay"


@pytest.fixture
def checkout(test_provider):
    charge = test_provider.prepare(
        amount=1_500_000, currency="NGN", email="alice@example.com", callback_url=CALLBACK, metadata={"booking": 7}
    )
    return test_provider.charge_initialize(charge)


def _pay(client, checkout, capture):
    with capture(execute=True):
        return client.post(f"{checkout.authorization_url}pay/")


def test_the_checkout_is_a_page_of_our_own_app(checkout, test_provider):
    assert isinstance(test_provider, TestProvider)
    assert checkout.authorization_url == f"/payments/test-checkout/{checkout.reference}/"
    assert test_provider.charge_verify(checkout.reference).status == "abandoned"


def test_a_reused_reference_is_refused_like_paystack_does(test_provider, checkout):
    charge = test_provider.prepare(
        amount=100, currency="NGN", email="a@example.com", callback_url=CALLBACK, reference=checkout.reference
    )

    with pytest.raises(PaymentProviderError, match="Duplicate Transaction Reference"):
        test_provider.charge_initialize(charge)


def test_the_page_shows_the_amount_and_says_no_money_moves(client, checkout):
    response = client.get(checkout.authorization_url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Test mode — no money moves." in page
    assert "₦15,000<" in page
    assert "alice@example.com" in page
    assert f'action="/payments/test-checkout/{checkout.reference}/pay/"' in page
    assert f'action="/payments/test-checkout/{checkout.reference}/fail/"' in page
    assert page.count("csrfmiddlewaretoken") == 2
    assert "style=" not in page and "<style" not in page
    assert "<script>" not in page


def test_pay_sends_the_browser_to_the_callback_with_the_reference(
    client, checkout, webhook_inbox, django_capture_on_commit_callbacks
):
    response = _pay(client, checkout, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/bookings/7/paid/"
    assert parse_qs(target.query) == {"step": ["pay"], "reference": [checkout.reference]}


def test_pay_makes_the_charge_verify_as_successful(
    client, checkout, test_provider, webhook_inbox, django_capture_on_commit_callbacks
):
    _pay(client, checkout, django_capture_on_commit_callbacks)

    result = test_provider.charge_verify(checkout.reference)
    assert result.succeeded
    assert result.paid_at is not None
    assert result.matches(amount=1_500_000, currency="NGN")


def test_pay_delivers_a_charge_success_webhook_signed_like_paystacks(
    client, checkout, test_provider, webhook_inbox, django_capture_on_commit_callbacks
):
    _pay(client, checkout, django_capture_on_commit_callbacks)

    [(body, signature)] = webhook_inbox.deliveries
    event = json.loads(body)
    assert event["event"] == "charge.success"
    assert (event["data"]["reference"], event["data"]["amount"], event["data"]["currency"]) == (
        checkout.reference,
        1_500_000,
        "NGN",
    )
    assert event["data"]["status"] == "success"
    assert event["data"]["metadata"] == {"booking": 7}
    assert test_provider.webhook_signature_valid(body, signature)
    assert not paystack_signature_valid(body, signature, "sk_test_someone_else")


def test_no_webhook_leaves_before_the_payment_is_committed(
    client, checkout, webhook_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"{checkout.authorization_url}pay/")

    assert len(callbacks) == 1
    assert webhook_inbox.deliveries == []


def test_paying_twice_delivers_one_webhook(client, checkout, webhook_inbox, django_capture_on_commit_callbacks):
    _pay(client, checkout, django_capture_on_commit_callbacks)
    second = _pay(client, checkout, django_capture_on_commit_callbacks)

    assert second.status_code == 302
    assert len(webhook_inbox.deliveries) == 1


def test_a_broken_webhook_service_does_not_undo_the_payment(
    client, checkout, test_provider, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("payments.providers.test.WEBHOOK_HANDLER", "tests.payments.webhook_inbox.refuse")

    response = _pay(client, checkout, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert test_provider.charge_verify(checkout.reference).succeeded
    assert "the webhook service is broken" in caplog.text


def test_fail_declines_the_charge_and_returns_to_the_callback(
    client, checkout, test_provider, webhook_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{checkout.authorization_url}fail/")

    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query)["reference"] == [checkout.reference]
    assert test_provider.charge_verify(checkout.reference).status == "failed"
    assert webhook_inbox.deliveries == []


def test_after_a_failure_the_payer_may_try_again(
    client, checkout, test_provider, webhook_inbox, django_capture_on_commit_callbacks
):
    client.post(f"{checkout.authorization_url}fail/")

    page = client.get(checkout.authorization_url).content.decode()
    _pay(client, checkout, django_capture_on_commit_callbacks)

    assert "The last attempt failed" in page
    assert test_provider.charge_verify(checkout.reference).succeeded


def test_fail_after_paying_changes_nothing(
    client, checkout, test_provider, webhook_inbox, django_capture_on_commit_callbacks
):
    _pay(client, checkout, django_capture_on_commit_callbacks)

    client.post(f"{checkout.authorization_url}fail/")

    assert test_provider.charge_verify(checkout.reference).succeeded


def test_a_paid_checkout_offers_only_the_way_back(client, checkout, webhook_inbox, django_capture_on_commit_callbacks):
    _pay(client, checkout, django_capture_on_commit_callbacks)

    page = client.get(checkout.authorization_url).content.decode()

    assert "already complete" in page
    assert "/pay/" not in page
    assert f"reference={checkout.reference}" in page


def test_an_unknown_reference_is_not_found(client, test_provider):
    assert client.get("/payments/test-checkout/PM-nothing/").status_code == 404
    assert client.post("/payments/test-checkout/PM-nothing/pay/").status_code == 404


def test_the_checkout_does_not_exist_when_paystack_is_the_provider(client, checkout, settings):
    settings.PAYMENT_PROVIDER = "paystack"

    assert client.get(checkout.authorization_url).status_code == 404
    assert client.post(f"{checkout.authorization_url}pay/").status_code == 404
    assert TestTransaction.objects.get(reference=checkout.reference).status == "abandoned"


def test_pay_and_fail_need_a_post(client, checkout):
    assert client.get(f"{checkout.authorization_url}pay/").status_code == 405
    assert client.get(f"{checkout.authorization_url}fail/").status_code == 405


def test_pay_needs_the_csrf_token(checkout):
    response = Client(enforce_csrf_checks=True).post(f"{checkout.authorization_url}pay/")

    assert response.status_code == 403
    assert TestTransaction.objects.get(reference=checkout.reference).status == "abandoned"
