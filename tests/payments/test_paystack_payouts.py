"""The Paystack client's payout side (banks, resolve, recipients, transfers) against the fake."""

import pytest

from payments.errors import PaymentProviderError, PayoutCurrencyUnsupported
from payments.providers.base import transfer_reference_new


@pytest.fixture
def ada_account(fake_paystack):
    fake_paystack.accounts[("0123456789", "058")] = "ADA OBI"
    return {"account_number": "0123456789", "bank_code": "058"}


def test_banks_are_listed_for_the_currency_following_every_cursor_page(paystack, fake_paystack):
    fake_paystack.banks_page_size = 4

    banks = paystack.banks("NGN")

    assert [bank.code for bank in banks] == ["044", "011", "058", "50211", "033", "057"]
    assert banks[2].name == "Guaranty Trust Bank"
    assert {(bank.currency, bank.type) for bank in banks} == {("NGN", "nuban")}
    pages = fake_paystack.requests_to("GET", "/bank")
    assert [page.query.get("next") for page in pages] == [None, "4"]
    assert pages[0].query["currency"] == "NGN"


def test_ghana_banks_carry_their_recipient_types(paystack):
    banks = {bank.code: bank.type for bank in paystack.banks("GHS")}

    assert banks == {"040100": "ghipss", "MTN": "mobile_money"}


def test_an_account_is_resolved_to_its_holders_name(paystack, fake_paystack, ada_account):
    account = paystack.account_resolve(**ada_account)

    assert (account.account_number, account.account_name, account.bank_code) == ("0123456789", "ADA OBI", "058")
    assert fake_paystack.requests[-1].query == ada_account


def test_an_unknown_account_is_not_resolved(paystack):
    with pytest.raises(PaymentProviderError) as refused:
        paystack.account_resolve(account_number="9999999999", bank_code="058")

    assert refused.value.provider_status == 422
    assert "Could not resolve account name" in refused.value.message


def test_a_recipient_is_created_with_the_currencys_type(paystack, fake_paystack, ada_account):
    recipient = paystack.recipient_create(name="Ada Obi", currency="NGN", **ada_account)

    assert fake_paystack.requests[-1].body == {"type": "nuban", "name": "Ada Obi", "currency": "NGN", **ada_account}
    assert recipient.recipient_code.startswith("RCP_")
    assert (recipient.account_name, recipient.bank_name) == ("ADA OBI", "Guaranty Trust Bank")


def test_a_recipient_type_given_by_the_bank_list_wins(paystack, fake_paystack):
    fake_paystack.accounts[("0241234567", "MTN")] = "KWAME MENSAH"

    paystack.recipient_create(
        name="Kwame", account_number="0241234567", bank_code="MTN", currency="GHS", recipient_type="mobile_money"
    )

    assert fake_paystack.requests[-1].body["type"] == "mobile_money"


def test_a_currency_without_payouts_is_refused_before_calling_paystack(paystack, fake_paystack):
    with pytest.raises(PayoutCurrencyUnsupported):
        paystack.recipient_create(name="Sam", account_number="0123456789", bank_code="058", currency="USD")

    assert fake_paystack.requests == []


def _send(paystack, recipient_code, reference):
    return paystack.transfer(
        reference=reference, amount=1_350_000, recipient_code=recipient_code, reason="ProcusMeet payout", currency="NGN"
    )


def test_a_transfer_is_sent_from_the_balance_and_is_not_final_yet(paystack, fake_paystack, ada_account):
    recipient = paystack.recipient_create(name="Ada Obi", currency="NGN", **ada_account)
    reference = transfer_reference_new()

    result = _send(paystack, recipient.recipient_code, reference)

    assert fake_paystack.requests[-1].body == {
        "source": "balance",
        "amount": 1_350_000,
        "currency": "NGN",
        "recipient": recipient.recipient_code,
        "reference": reference,
        "reason": "ProcusMeet payout",
    }
    assert result.transfer_code.startswith("TRF_")
    assert (result.reference, result.status, result.final) == (reference, "pending", False)


@pytest.mark.parametrize(("status", "succeeded"), [("success", True), ("failed", False), ("reversed", False)])
def test_verify_reports_a_transfers_final_status(paystack, fake_paystack, ada_account, status, succeeded):
    recipient = paystack.recipient_create(name="Ada Obi", currency="NGN", **ada_account)
    reference = transfer_reference_new()
    _send(paystack, recipient.recipient_code, reference)
    fake_paystack.transfer_finish(reference, status)

    result = paystack.transfer_verify(reference)

    assert fake_paystack.requests[-1].path == f"/transfer/verify/{reference}"
    assert (result.status, result.final, result.succeeded) == (status, True, succeeded)


def test_a_transfer_reference_in_flight_cannot_be_sent_again(paystack, ada_account):
    recipient = paystack.recipient_create(name="Ada Obi", currency="NGN", **ada_account)
    reference = transfer_reference_new()
    _send(paystack, recipient.recipient_code, reference)

    with pytest.raises(PaymentProviderError, match="Duplicate Transfer Reference"):
        _send(paystack, recipient.recipient_code, reference)


def test_a_failed_transfer_is_retried_with_the_same_reference(paystack, fake_paystack, ada_account):
    recipient = paystack.recipient_create(name="Ada Obi", currency="NGN", **ada_account)
    reference = transfer_reference_new()
    first = _send(paystack, recipient.recipient_code, reference)
    fake_paystack.transfer_finish(reference, "failed")

    retry = _send(paystack, recipient.recipient_code, reference)

    assert retry.reference == reference
    assert retry.transfer_code != first.transfer_code


def test_transfer_references_fit_paystacks_rules():
    reference = transfer_reference_new()

    assert 16 <= len(reference) <= 50
    assert reference == reference.lower()
