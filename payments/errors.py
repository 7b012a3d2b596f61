"""Domain errors of the payments app (mapped to the API's one error shape)."""

from rest_framework import status

from procusmeet.api.errors import ApplicationError, Conflict, NotFound, ServiceUnavailable


class PaymentProviderUnavailable(ServiceUnavailable):
    """The provider could not be reached in time (network error, timeout, 5xx).

    Nothing is known to have happened there: callers keep their state and retry later.
    """

    code = "payment_provider_unavailable"


class PaymentProviderError(ApplicationError):
    """The provider answered and refused the request (4xx, ``status: false``, or a
    reply we cannot read). ``provider_status`` is its HTTP status when there was one."""

    status_code = status.HTTP_502_BAD_GATEWAY
    code = "payment_provider_error"

    def __init__(self, message: str, *, provider_status: int | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.provider_status = provider_status


class PayoutCurrencyUnsupported(ApplicationError):
    code = "payout_currency_unsupported"


class PaymentWebhookSignatureInvalid(ApplicationError):
    """The ``x-paystack-signature`` header is missing or does not sign the raw body."""

    status_code = status.HTTP_401_UNAUTHORIZED
    code = "webhook_signature_invalid"


class PaymentWebhookPayloadInvalid(ApplicationError):
    """Correctly signed, but the body is not a JSON object (or not JSON we can store)."""

    code = "webhook_payload_invalid"


class PaymentNotFound(NotFound):
    pass


class PaymentStateConflict(Conflict):
    """The payment's status does not allow this (releasing an unpaid one, refunding a payout)."""

    code = "payment_state_conflict"


# --- Bank accounts and payouts (the payouts work) ------------------------------------------


class BankAccountInvalid(ApplicationError):
    """The bank or the account number is not one the provider can pay into."""

    code = "bank_account_invalid"


class BankAccountRequired(Conflict):
    code = "bank_account_required"


class PayoutInvalid(ApplicationError):
    """Below the minimum, above the available balance, or in the wrong currency."""

    code = "payout_invalid"


class PayoutNotFound(NotFound):
    pass


class PayoutStateConflict(Conflict):
    """The payout's status does not allow this (retrying one that did not fail)."""

    code = "payout_state_conflict"
