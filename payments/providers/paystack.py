"""Paystack over HTTP: a thin client of the ~8 endpoints ProcusMeet uses.

Every answer is ``{status, message, data}``. A network error, a timeout, a 429 or a
5xx means Paystack could not be asked (``PaymentProviderUnavailable``: try again
later); any other refusal carries Paystack's own message (``PaymentProviderError``).
"""

import logging
from datetime import UTC, datetime
from urllib.parse import quote

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from payments.errors import PaymentProviderError, PaymentProviderUnavailable
from payments.providers.base import (
    Bank,
    ChargeInit,
    ChargeRequest,
    ChargeResult,
    PaymentProvider,
    Recipient,
    RefundResult,
    ResolvedAccount,
    TransferResult,
    recipient_type_for,
)

logger = logging.getLogger(__name__)

# Paystack pages bank lists (at most 100 a page); no currency has more than a few pages.
_BANK_PAGES_MAX = 20


def _parse_time(value) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    # Paystack's times are UTC; keep them aware even if the zone suffix is missing.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _unreadable(what: str) -> PaymentProviderError:
    return PaymentProviderError(_("The payment provider sent an unreadable answer (%(what)s).") % {"what": what})


def _field(data: dict, key: str):
    try:
        return data[key]
    except (KeyError, TypeError):
        raise _unreadable(key) from None


def _int(data: dict, key: str) -> int:
    value = _field(data, key)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _unreadable(key)
    try:
        return int(value)
    except ValueError:
        raise _unreadable(key) from None


class PaystackProvider(PaymentProvider):
    name = "paystack"

    def __init__(self, *, secret_key: str, base_url: str, timeout: float):
        self._secret_key = secret_key
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._session = requests.Session()
        self._session.headers.update({"Authorization": f"Bearer {secret_key}", "Accept": "application/json"})

    @classmethod
    def from_settings(cls) -> "PaystackProvider":
        if not settings.PAYSTACK_SECRET_KEY:
            raise ImproperlyConfigured("PAYMENT_PROVIDER=paystack needs PAYSTACK_SECRET_KEY.")
        return cls(
            secret_key=settings.PAYSTACK_SECRET_KEY,
            base_url=settings.PAYSTACK_BASE_URL,
            timeout=settings.PAYSTACK_TIMEOUT_SECONDS,
        )

    @property
    def webhook_secret(self) -> str:
        return self._secret_key

    # --- HTTP -------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, json: dict | None = None, params: dict | None = None) -> dict:
        """The whole JSON body of a successful answer (``status`` true, ``data`` present)."""
        try:
            response = self._session.request(
                method, self.base_url + path, json=json, params=params, timeout=self.timeout
            )
        except requests.Timeout as exc:
            logger.warning("paystack timeout method=%s path=%s", method, path)
            raise PaymentProviderUnavailable(
                _("The payment provider did not answer in time. Please try again.")
            ) from exc
        except requests.RequestException as exc:
            logger.warning("paystack unreachable method=%s path=%s error=%s", method, path, type(exc).__name__)
            raise PaymentProviderUnavailable(_("The payment provider cannot be reached. Please try again.")) from exc
        if response.status_code >= 500 or response.status_code == 429:
            logger.warning("paystack unavailable method=%s path=%s status=%s", method, path, response.status_code)
            raise PaymentProviderUnavailable(_("The payment provider is unavailable. Please try again."))
        return self._body(response, method, path)

    def _body(self, response: requests.Response, method: str, path: str) -> dict:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            logger.warning("paystack unreadable method=%s path=%s status=%s", method, path, response.status_code)
            raise PaymentProviderError(
                _("The payment provider sent an unreadable answer."), provider_status=response.status_code
            )
        if response.status_code >= 400 or body.get("status") is not True:
            message = str(body.get("message") or _("The payment provider refused the request."))
            logger.warning(
                "paystack refused method=%s path=%s status=%s message=%s", method, path, response.status_code, message
            )
            raise PaymentProviderError(message, provider_status=response.status_code)
        if "data" not in body:
            raise _unreadable("data")
        return body

    def _data(self, method: str, path: str, **kwargs) -> dict:
        """The ``data`` object of an endpoint that answers with one object."""
        data = self._request(method, path, **kwargs)["data"]
        if not isinstance(data, dict):
            raise _unreadable("data")
        return data

    # --- Charges ------------------------------------------------------------------------
    def charge_initialize(self, charge: ChargeRequest) -> ChargeInit:
        data = self._data(
            "POST",
            "/transaction/initialize",
            json={
                "email": charge.email,
                "amount": charge.amount,
                "currency": charge.currency,
                "reference": charge.reference,
                "callback_url": charge.callback_url,
                "metadata": charge.metadata,
            },
        )
        return ChargeInit(
            authorization_url=_field(data, "authorization_url"),
            reference=_field(data, "reference"),
            access_code=_field(data, "access_code"),
        )

    def charge_verify(self, reference: str) -> ChargeResult:
        data = self._data("GET", f"/transaction/verify/{quote(reference, safe='')}")
        return ChargeResult(
            reference=_field(data, "reference"),
            status=_field(data, "status"),
            amount=_int(data, "amount"),
            currency=_field(data, "currency"),
            paid_at=_parse_time(data.get("paid_at") or data.get("paidAt")),
            gateway_response=str(data.get("gateway_response") or ""),
            raw=data,
        )

    def refund(self, reference: str, amount: int | None = None) -> RefundResult:
        payload = {"transaction": reference}
        if amount is not None:
            payload["amount"] = amount
        data = self._data("POST", "/refund", json=payload)
        transaction = data.get("transaction") if isinstance(data.get("transaction"), dict) else {}
        return RefundResult(
            transaction_reference=transaction.get("reference") or reference,
            status=_field(data, "status"),
            amount=_int(data, "amount"),
            currency=_field(data, "currency"),
            raw=data,
        )

    # --- Payout destinations ------------------------------------------------------------
    def banks(self, currency: str) -> list[Bank]:
        params = {"currency": currency, "perPage": 100, "use_cursor": "true"}
        banks: list[Bank] = []
        for _page in range(_BANK_PAGES_MAX):
            body = self._request("GET", "/bank", params=params)
            if not isinstance(body["data"], list) or not all(isinstance(item, dict) for item in body["data"]):
                raise _unreadable("data")
            banks.extend(self._bank(item, currency) for item in body["data"] if item.get("active", True))
            meta = body.get("meta")
            cursor = meta.get("next") if isinstance(meta, dict) else None
            if not cursor:
                break
            params = {**params, "next": cursor}
        return banks

    @staticmethod
    def _bank(item: dict, currency: str) -> Bank:
        return Bank(
            name=_field(item, "name"),
            code=str(_field(item, "code")),
            currency=item.get("currency") or currency,
            type=item.get("type") or "",
        )

    def account_resolve(self, *, account_number: str, bank_code: str) -> ResolvedAccount:
        data = self._data("GET", "/bank/resolve", params={"account_number": account_number, "bank_code": bank_code})
        return ResolvedAccount(
            account_number=str(_field(data, "account_number")),
            account_name=_field(data, "account_name"),
            bank_code=bank_code,
        )

    def recipient_create(
        self, *, name: str, account_number: str, bank_code: str, currency: str, recipient_type: str | None = None
    ) -> Recipient:
        payload = {
            "type": recipient_type or recipient_type_for(currency),
            "name": name,
            "account_number": account_number,
            "bank_code": bank_code,
            "currency": currency,
        }
        data = self._data("POST", "/transferrecipient", json=payload)
        details = data.get("details") if isinstance(data.get("details"), dict) else {}
        return Recipient(
            recipient_code=_field(data, "recipient_code"),
            account_number=str(details.get("account_number") or account_number),
            account_name=details.get("account_name") or data.get("name") or name,
            bank_code=str(details.get("bank_code") or bank_code),
            bank_name=details.get("bank_name") or "",
            currency=data.get("currency") or currency,
            raw=data,
        )

    # --- Transfers ----------------------------------------------------------------------
    def transfer(
        self, *, reference: str, amount: int, recipient_code: str, reason: str, currency: str
    ) -> TransferResult:
        data = self._data(
            "POST",
            "/transfer",
            json={
                "source": "balance",
                "amount": amount,
                "recipient": recipient_code,
                "reference": reference,
                "reason": reason,
                "currency": currency,
            },
        )
        return self._transfer_result(data, reference)

    def transfer_verify(self, reference: str) -> TransferResult:
        data = self._data("GET", f"/transfer/verify/{quote(reference, safe='')}")
        return self._transfer_result(data, reference)

    @staticmethod
    def _transfer_result(data: dict, reference: str) -> TransferResult:
        return TransferResult(
            reference=data.get("reference") or reference,
            transfer_code=_field(data, "transfer_code"),
            status=_field(data, "status"),
            amount=_int(data, "amount"),
            currency=_field(data, "currency"),
            raw=data,
        )
