"""Every Paystack call maps failures the same way: unreachable, timed out, 429 or 5xx →
PaymentProviderUnavailable (try later); a refusal or an unreadable answer →
PaymentProviderError carrying Paystack's message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from payments.errors import PaymentProviderError, PaymentProviderUnavailable
from payments.providers import get_provider
from tests.fakes.livekit_twirp import closed_port_url

CALLS = {
    "charge_initialize": lambda p: p.charge_initialize(
        p.prepare(amount=500_000, currency="NGN", email="alice@example.com", callback_url="http://127.0.0.1/cb")
    ),
    "charge_verify": lambda p: p.charge_verify("PM-1"),
    "refund": lambda p: p.refund("PM-1"),
    "banks": lambda p: p.banks("NGN"),
    "account_resolve": lambda p: p.account_resolve(account_number="0123456789", bank_code="058"),
    "recipient_create": lambda p: p.recipient_create(
        name="Ada Obi", account_number="0123456789", bank_code="058", currency="NGN"
    ),
    "transfer": lambda p: p.transfer(
        reference="pm-payout-0123456789abcdef", amount=100, recipient_code="RCP_1", reason="payout", currency="NGN"
    ),
    "transfer_verify": lambda p: p.transfer_verify("pm-payout-0123456789abcdef"),
}
every_call = pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())


@every_call
def test_a_wrong_secret_key_is_refused_with_401(fake_paystack, settings, call):
    settings.PAYSTACK_SECRET_KEY = "sk_test_wrong"

    with pytest.raises(PaymentProviderError) as refused:
        call(get_provider())

    assert refused.value.provider_status == 401
    assert refused.value.message == "Invalid key"
    assert fake_paystack.requests[-1].authorization == "Bearer sk_test_wrong"


@every_call
@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_a_server_error_means_paystack_is_unavailable(paystack, fake_paystack, call, status):
    fake_paystack.failure_status = status

    with pytest.raises(PaymentProviderUnavailable):
        call(paystack)


@every_call
def test_a_hanging_paystack_times_out_as_unavailable(paystack, fake_paystack, call):
    fake_paystack.hang()

    with pytest.raises(PaymentProviderUnavailable, match="did not answer in time"):
        call(paystack)


@every_call
def test_an_unreachable_paystack_is_unavailable(fake_paystack, settings, call):
    settings.PAYSTACK_BASE_URL = closed_port_url()

    with pytest.raises(PaymentProviderUnavailable, match="cannot be reached"):
        call(get_provider())


@every_call
def test_an_answer_that_is_not_json_is_an_error(paystack, fake_paystack, call):
    fake_paystack.malformed = True

    with pytest.raises(PaymentProviderError, match="unreadable"):
        call(paystack)


@every_call
def test_status_false_is_a_refusal_even_with_http_200(paystack, fake_paystack, call):
    fake_paystack.override = (200, {"status": False, "message": "Integration is not active"})

    with pytest.raises(PaymentProviderError) as refused:
        call(paystack)

    assert refused.value.message == "Integration is not active"


@every_call
@pytest.mark.parametrize(
    "body",
    [{"status": True, "message": "ok"}, {"status": True, "message": "ok", "data": {}}, {"status": "true", "data": {}}],
    ids=["no-data", "empty-data", "status-not-bool"],
)
def test_an_answer_without_the_expected_data_is_an_error(paystack, fake_paystack, call, body):
    fake_paystack.override = (200, body)

    with pytest.raises(PaymentProviderError):
        call(paystack)


def test_a_refusal_without_a_message_still_explains_itself(paystack, fake_paystack):
    fake_paystack.override = (400, {"status": False})

    with pytest.raises(PaymentProviderError, match="refused the request") as refused:
        paystack.charge_verify("PM-1")

    assert refused.value.provider_status == 400


def test_a_non_numeric_amount_is_an_error_not_a_crash(paystack, fake_paystack):
    fake_paystack.override = (
        200,
        {"status": True, "data": {"reference": "PM-1", "status": "success", "amount": "lots", "currency": "NGN"}},
    )

    with pytest.raises(PaymentProviderError, match="amount"):
        paystack.charge_verify("PM-1")


def test_paystack_without_a_secret_key_is_a_configuration_error(settings):
    settings.PAYMENT_PROVIDER = "paystack"
    settings.PAYSTACK_SECRET_KEY = ""

    with pytest.raises(ImproperlyConfigured, match="PAYSTACK_SECRET_KEY"):
        get_provider()
