"""The Paystack client's charges (initialize, verify, refund) against the local fake."""

from datetime import UTC, datetime

import pytest

from payments.errors import PaymentProviderError
from payments.providers.paystack import PaystackProvider

CALLBACK = "http://127.0.0.1:8000/bookings/7/paid/"


def _charge(provider, **overrides):
    values = {
        "amount": 1_500_000,
        "currency": "NGN",
        "email": "alice@example.com",
        "callback_url": CALLBACK,
        "metadata": {"booking": 7},
    }
    return provider.prepare(**(values | overrides))


def test_the_client_is_the_real_paystack_client(paystack):
    assert isinstance(paystack, PaystackProvider)


def test_prepare_builds_a_reference_without_calling_paystack(paystack, fake_paystack):
    charge = _charge(paystack)

    assert charge.reference.startswith("PM-")
    assert _charge(paystack).reference != charge.reference
    assert fake_paystack.requests == []


def test_initialize_sends_the_documented_request_and_returns_the_checkout(paystack, fake_paystack):
    charge = _charge(paystack)

    init = paystack.charge_initialize(charge)

    [request] = fake_paystack.requests
    assert (request.method, request.path) == ("POST", "/transaction/initialize")
    assert request.authorization == f"Bearer {fake_paystack.secret_key}"
    assert request.body == {
        "email": "alice@example.com",
        "amount": 1_500_000,
        "currency": "NGN",
        "reference": charge.reference,
        "callback_url": CALLBACK,
        "metadata": {"booking": 7},
    }
    assert init.reference == charge.reference
    assert init.authorization_url == f"https://checkout.paystack.com/{init.access_code}"


def test_a_reused_reference_is_refused_with_paystacks_message(paystack):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)

    with pytest.raises(PaymentProviderError) as refused:
        paystack.charge_initialize(charge)

    assert refused.value.message == "Duplicate Transaction Reference"
    assert refused.value.provider_status == 400


def test_verify_reports_a_successful_charge_with_its_amount_currency_and_time(paystack, fake_paystack):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)
    fake_paystack.settle(charge.reference, "success")

    result = paystack.charge_verify(charge.reference)

    assert fake_paystack.requests[-1].path == f"/transaction/verify/{charge.reference}"
    assert result.succeeded
    assert (result.reference, result.amount, result.currency) == (charge.reference, 1_500_000, "NGN")
    assert result.paid_at is not None and result.paid_at.tzinfo is not None
    assert result.paid_at.utcoffset() == UTC.utcoffset(None)
    assert result.matches(amount=1_500_000, currency="NGN")
    assert result.raw["customer"]["email"] == "alice@example.com"


@pytest.mark.parametrize("status", ["abandoned", "failed", "ongoing", "pending", "reversed"])
def test_verify_reports_an_unpaid_charge_as_not_succeeded(paystack, fake_paystack, status):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)
    fake_paystack.settle(charge.reference, status)

    result = paystack.charge_verify(charge.reference)

    assert result.status == status
    assert not result.succeeded
    assert result.paid_at is None


def test_a_charge_of_another_amount_does_not_match(paystack, fake_paystack):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)
    fake_paystack.settle(charge.reference, "success", amount=100)

    result = paystack.charge_verify(charge.reference)

    assert result.succeeded
    assert not result.matches(amount=1_500_000, currency="NGN")


def test_a_charge_in_another_currency_does_not_match(paystack, fake_paystack):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)
    fake_paystack.settle(charge.reference, "success", currency="GHS")

    assert not paystack.charge_verify(charge.reference).matches(amount=1_500_000, currency="NGN")


def test_verify_of_an_unknown_reference_is_refused(paystack):
    with pytest.raises(PaymentProviderError, match="Transaction reference not found"):
        paystack.charge_verify("PM-unknown")


def test_a_full_refund_omits_the_amount_and_is_queued(paystack, fake_paystack):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)
    fake_paystack.settle(charge.reference, "success")

    refund = paystack.refund(charge.reference)

    assert fake_paystack.requests[-1].body == {"transaction": charge.reference}
    assert (refund.transaction_reference, refund.status, refund.amount, refund.currency) == (
        charge.reference,
        "pending",
        1_500_000,
        "NGN",
    )


def test_a_partial_refund_sends_the_amount(paystack, fake_paystack):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)
    fake_paystack.settle(charge.reference, "success")

    refund = paystack.refund(charge.reference, amount=500_000)

    assert fake_paystack.requests[-1].body == {"transaction": charge.reference, "amount": 500_000}
    assert refund.amount == 500_000


def test_refunding_an_unpaid_charge_is_refused(paystack):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)

    with pytest.raises(PaymentProviderError, match="not been completed"):
        paystack.refund(charge.reference)


@pytest.mark.parametrize(
    "overrides",
    [{"amount": 0}, {"amount": -5}, {"amount": 10.5}, {"currency": "EUR"}, {"email": ""}, {"reference": "bad ref/1"}],
)
def test_prepare_refuses_a_charge_paystack_would_refuse(paystack, fake_paystack, overrides):
    with pytest.raises(ValueError):
        _charge(paystack, **overrides)
    assert fake_paystack.requests == []


@pytest.mark.parametrize("paid_at", ["2026-03-01T09:15:02.000Z", "2026-03-01T09:15:02"])
def test_paid_at_is_an_aware_utc_time_whatever_the_suffix(paystack, fake_paystack, paid_at):
    charge = _charge(paystack)
    paystack.charge_initialize(charge)
    fake_paystack.settle(charge.reference, "success")["paid_at"] = paid_at

    result = paystack.charge_verify(charge.reference)

    assert result.paid_at == datetime(2026, 3, 1, 9, 15, 2, tzinfo=UTC)
