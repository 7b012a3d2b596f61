"""The test provider imitates refunds and payouts offline with Paystack's shapes:
refunds are queued then processed by webhook; transfers succeed except to account
numbers ending in 0000."""

import json

import pytest

from payments.errors import PaymentProviderError, PayoutCurrencyUnsupported
from payments.providers.base import transfer_reference_new
from payments.providers.test import checkout_pay


@pytest.fixture
def paid(test_provider, webhook_inbox, django_capture_on_commit_callbacks):
    charge = test_provider.prepare(amount=1_500_000, currency="NGN", email="alice@example.com", callback_url="/cb/")
    test_provider.charge_initialize(charge)
    with django_capture_on_commit_callbacks(execute=True):
        checkout_pay(reference=charge.reference)
    webhook_inbox.deliveries.clear()
    return charge.reference


def _refund(provider, capture, reference, amount=None):
    with capture(execute=True):
        return provider.refund(reference, amount)


def test_a_full_refund_is_queued_then_processed_by_webhook(
    test_provider, paid, webhook_inbox, django_capture_on_commit_callbacks
):
    refund = _refund(test_provider, django_capture_on_commit_callbacks, paid)

    assert (refund.transaction_reference, refund.status, refund.amount, refund.currency) == (
        paid,
        "pending",
        1_500_000,
        "NGN",
    )
    [(body, signature)] = webhook_inbox.deliveries
    event = json.loads(body)
    assert event["event"] == "refund.processed"
    assert event["data"] | {"refund_reference": None} == {
        "status": "processed",
        "transaction_reference": paid,
        "refund_reference": None,
        "amount": 1_500_000,
        "currency": "NGN",
    }
    assert test_provider.webhook_signature_valid(body, signature)
    assert test_provider.charge_verify(paid).status == "reversed"


def test_a_charge_cannot_be_refunded_twice(test_provider, paid, django_capture_on_commit_callbacks):
    _refund(test_provider, django_capture_on_commit_callbacks, paid)

    with pytest.raises(PaymentProviderError, match="fully reversed"):
        test_provider.refund(paid)


def test_partial_refunds_add_up_to_the_charge_and_no_further(test_provider, paid, django_capture_on_commit_callbacks):
    _refund(test_provider, django_capture_on_commit_callbacks, paid, 500_000)

    with pytest.raises(PaymentProviderError, match="cannot be more"):
        test_provider.refund(paid, 1_000_001)
    assert test_provider.charge_verify(paid).status == "success"
    assert _refund(test_provider, django_capture_on_commit_callbacks, paid).amount == 1_000_000
    assert test_provider.charge_verify(paid).status == "reversed"


def test_an_unpaid_charge_cannot_be_refunded(test_provider):
    charge = test_provider.prepare(amount=100, currency="NGN", email="a@example.com", callback_url="/cb/")
    test_provider.charge_initialize(charge)

    with pytest.raises(PaymentProviderError, match="not successful"):
        test_provider.refund(charge.reference)
    with pytest.raises(PaymentProviderError, match="not found"):
        test_provider.refund("PM-unknown")


def test_banks_are_listed_for_each_payout_currency(test_provider):
    nigeria = {bank.code: bank for bank in test_provider.banks("NGN")}

    assert nigeria["058"].name == "Guaranty Trust Bank"
    assert {bank.type for bank in nigeria.values()} == {"nuban"}
    assert {bank.code: bank.type for bank in test_provider.banks("GHS")}["MTN"] == "mobile_money"
    assert {bank.type for bank in test_provider.banks("ZAR")} == {"basa"}
    assert test_provider.banks("USD") == []


def test_an_account_resolves_to_the_same_name_every_time(test_provider):
    first = test_provider.account_resolve(account_number="0123456789", bank_code="058")

    assert first.account_name == "TEST ACCOUNT 6789"
    assert test_provider.account_resolve(account_number="0123456789", bank_code="058") == first


@pytest.mark.parametrize(("number", "bank"), [("12345", "058"), ("01234abcde", "058"), ("0123456789", "999")])
def test_a_malformed_account_or_unknown_bank_is_not_resolved(test_provider, number, bank):
    with pytest.raises(PaymentProviderError, match="Could not resolve account name") as refused:
        test_provider.account_resolve(account_number=number, bank_code=bank)

    assert refused.value.provider_status == 422


def test_a_recipient_names_its_account_and_bank(test_provider):
    recipient = test_provider.recipient_create(name="Bob", account_number="0123456789", bank_code="058", currency="NGN")

    assert recipient.recipient_code.startswith("RCP_test_")
    assert (recipient.account_name, recipient.bank_name) == ("TEST ACCOUNT 6789", "Guaranty Trust Bank")
    assert recipient.raw["type"] == "nuban"


def test_no_recipient_in_a_currency_without_payouts(test_provider):
    with pytest.raises(PayoutCurrencyUnsupported):
        test_provider.recipient_create(name="Bob", account_number="0123456789", bank_code="058", currency="USD")


def _send(provider, capture, account_number, reference):
    recipient = provider.recipient_create(name="Bob", account_number=account_number, bank_code="058", currency="NGN")
    with capture(execute=True):
        return provider.transfer(
            reference=reference,
            amount=1_350_000,
            recipient_code=recipient.recipient_code,
            reason="ProcusMeet payout",
            currency="NGN",
        )


def test_a_transfer_succeeds_and_says_so_by_webhook(test_provider, webhook_inbox, django_capture_on_commit_callbacks):
    reference = transfer_reference_new()

    sent = _send(test_provider, django_capture_on_commit_callbacks, "0123456789", reference)

    assert (sent.status, sent.final) == ("pending", False)
    verified = test_provider.transfer_verify(reference)
    assert (verified.status, verified.final, verified.succeeded) == ("success", True, True)
    assert verified.transfer_code == sent.transfer_code
    [(body, signature)] = webhook_inbox.deliveries
    event = json.loads(body)
    assert (event["event"], event["data"]["reference"], event["data"]["transfer_code"]) == (
        "transfer.success",
        reference,
        sent.transfer_code,
    )
    assert event["data"]["amount"] == 1_350_000
    assert test_provider.webhook_signature_valid(body, signature)


def test_a_transfer_to_an_account_ending_0000_fails(test_provider, webhook_inbox, django_capture_on_commit_callbacks):
    reference = transfer_reference_new()

    _send(test_provider, django_capture_on_commit_callbacks, "0123450000", reference)

    verified = test_provider.transfer_verify(reference)
    assert (verified.status, verified.final, verified.succeeded) == ("failed", True, False)
    assert json.loads(webhook_inbox.deliveries[0][0])["event"] == "transfer.failed"


def test_a_failed_transfer_may_be_retried_with_the_same_reference(
    test_provider, webhook_inbox, django_capture_on_commit_callbacks
):
    reference = transfer_reference_new()
    first = _send(test_provider, django_capture_on_commit_callbacks, "0123450000", reference)

    retry = _send(test_provider, django_capture_on_commit_callbacks, "0123450000", reference)

    assert retry.reference == reference and retry.transfer_code != first.transfer_code
    assert len(webhook_inbox.deliveries) == 2


def test_a_successful_transfer_reference_is_never_sent_twice(
    test_provider, webhook_inbox, django_capture_on_commit_callbacks
):
    reference = transfer_reference_new()
    _send(test_provider, django_capture_on_commit_callbacks, "0123456789", reference)

    with pytest.raises(PaymentProviderError, match="Duplicate Transfer Reference"):
        _send(test_provider, django_capture_on_commit_callbacks, "0123456789", reference)
    assert len(webhook_inbox.deliveries) == 1


@pytest.mark.parametrize(("recipient_code", "amount"), [("RCP_1x2y3z", 100), ("RCP_test_058_0123456789", 0)])
def test_a_transfer_to_an_unknown_recipient_or_of_nothing_is_refused(test_provider, recipient_code, amount):
    with pytest.raises(PaymentProviderError):
        test_provider.transfer(
            reference=transfer_reference_new(),
            amount=amount,
            recipient_code=recipient_code,
            reason="payout",
            currency="NGN",
        )


def test_verifying_an_unknown_transfer_is_refused(test_provider):
    with pytest.raises(PaymentProviderError, match="Transfer not found"):
        test_provider.transfer_verify("pm-payout-unknown")
