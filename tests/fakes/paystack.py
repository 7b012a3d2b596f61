"""A local stand-in for Paystack's API and webhooks, for tests.

``FakePaystack`` answers the endpoints ProcusMeet uses the way ``api.paystack.co``
documents them: ``Authorization: Bearer <secret key>`` (401 otherwise), JSON bodies,
and every answer shaped ``{status, message, data}``. It keeps transactions and
transfers in memory, records every request it gets, and can be told to fail (any
status), to answer with something that is not JSON, or to hang so clients time out.
``signed_webhook`` builds a webhook delivery exactly as Paystack signs one (computed
here independently of the app's own helper).
"""

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.http_server import LocalHTTPServer, QuietHandler

SECRET_KEY = "sk_test_fakepaystack0123456789abcdef"
RECIPIENT_TYPES = {"nuban", "ghipss", "mobile_money", "basa"}
BANKS = {
    "NGN": [
        ("Access Bank", "044"),
        ("First Bank of Nigeria", "011"),
        ("Guaranty Trust Bank", "058"),
        ("Kuda Bank", "50211"),
        ("United Bank For Africa", "033"),
        ("Zenith Bank", "057"),
    ],
    "GHS": [("GCB Bank", "040100"), ("MTN Mobile Money", "MTN")],
    "ZAR": [("Absa Bank", "632005"), ("Capitec Bank", "470010")],
}


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict
    body: dict | None
    authorization: str


def signed_webhook(event: str, data: dict, secret: str = SECRET_KEY) -> tuple[bytes, str]:
    """``(raw_body, x-paystack-signature)`` as Paystack delivers an event."""
    body = json.dumps({"event": event, "data": data}).encode()
    return body, hmac.new(secret.encode(), body, hashlib.sha512).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@dataclass
class FakePaystack(LocalHTTPServer):
    """Start with ``with FakePaystack() as fake:`` and point ``PAYSTACK_BASE_URL`` at ``fake.url``.

    Controls: ``failure_status`` (every request answers it with an error body),
    ``override = (status, body)`` (every request answers exactly that), ``malformed``
    (200 with an HTML body), ``hang()``, ``settle(reference, ...)`` (the state verify reports),
    ``transfer_finish(reference, status)``, ``accounts[(number, bank_code)] = name``
    (what resolve knows) and ``banks_page_size`` (forces cursor pagination).
    """

    secret_key: str = SECRET_KEY
    failure_status: int | None = None
    override: tuple[int, dict] | None = None
    malformed: bool = False
    banks_page_size: int | None = None
    accounts: dict[tuple[str, str], str] = field(default_factory=dict)
    transactions: dict[str, dict] = field(default_factory=dict)
    recipients: dict[str, dict] = field(default_factory=dict)
    transfers: dict[str, dict] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)
    _hanging: bool = False
    _ids: int = 1000

    def handler_class(self) -> type[QuietHandler]:
        return _handler_for(self)

    @property
    def url(self) -> str:
        return self.origin

    def hang(self) -> None:
        """Every later request waits (until the fake stops) without answering."""
        self._hanging = True

    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.path == path]

    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    # --- What the test controls --------------------------------------------------------------
    def settle(
        self, reference: str, status: str = "success", *, amount: int | None = None, currency: str | None = None
    ):
        """Make verify report ``status`` (and, to test mismatches, another amount/currency)."""
        tx = self.transactions[reference]
        tx.update(status=status, gateway_response="Successful" if status == "success" else status.capitalize())
        tx["paid_at"] = _now() if status == "success" else None
        if amount is not None:
            tx["amount"] = amount
        if currency is not None:
            tx["currency"] = currency
        return tx

    def transfer_finish(self, reference: str, status: str) -> dict:
        transfer = self.transfers[reference]
        transfer.update(status=status, updatedAt=_now())
        return transfer

    def charge_success_webhook(self, reference: str) -> tuple[bytes, str]:
        return signed_webhook("charge.success", self.settle(reference, "success"), self.secret_key)


def _handler_for(fake: FakePaystack) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            body = self._read_json() if method == "POST" else None
            authorization = self.headers.get("Authorization", "")
            fake.requests.append(RecordedRequest(method, parts.path, dict(parse_qsl(parts.query)), body, authorization))
            if fake._hanging:
                fake._release.wait(timeout=30)
                return None
            if fake.failure_status:
                return self._answer(fake.failure_status, {"status": False, "message": "Server Error"})
            if authorization != f"Bearer {fake.secret_key}":
                return self._answer(401, {"status": False, "message": "Invalid key"})
            if fake.override:
                return self._answer(*fake.override)
            if fake.malformed:
                return self.send_body(200, b"<html><body>Bad gateway</body></html>", "text/html")
            status, answer = _route(fake, method, parts.path, dict(parse_qsl(parts.query)), body)
            return self._answer(status, answer)

        def _read_json(self) -> dict | None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                parsed = json.loads(raw or b"{}")
            except ValueError:
                return None
            return parsed if isinstance(parsed, dict) else None

        def _answer(self, status: int, body: dict) -> None:
            self.send_body(status, json.dumps(body).encode(), "application/json")

    return Handler


# --- Endpoints: each returns (http_status, body) ------------------------------------------------
def _ok(message: str, data, **extra) -> tuple[int, dict]:
    return 200, {"status": True, "message": message, "data": data, **extra}


def _refuse(message: str, status: int = 400) -> tuple[int, dict]:
    return status, {"status": False, "message": message}


def _code(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:15]}"


def _route(fake: FakePaystack, method: str, path: str, query: dict, body: dict | None) -> tuple[int, dict]:
    if method == "POST" and body is None:
        return _refuse("Invalid JSON body")
    for prefix, kind in (("/transaction/verify/", "charge"), ("/transfer/verify/", "transfer")):
        if method == "GET" and path.startswith(prefix):
            return (_verify_charge if kind == "charge" else _verify_transfer)(fake, path.removeprefix(prefix))
    handler = _ROUTES.get((method, path))
    if handler is None:
        return _refuse("Not found", 404)
    return handler(fake, query if method == "GET" else body)


def _initialize(fake: FakePaystack, body: dict) -> tuple[int, dict]:
    amount = body.get("amount")
    if not body.get("email") or not str(amount or "").isdigit() or int(amount) <= 0:
        return _refuse("Invalid Email Address / Amount passed")
    reference = body.get("reference") or _code("T")
    if reference in fake.transactions:
        return _refuse("Duplicate Transaction Reference")
    access_code = _code("AC")
    fake.transactions[reference] = {
        "id": fake.next_id(),
        "domain": "test",
        "status": "abandoned",
        "reference": reference,
        "amount": int(amount),
        "currency": body.get("currency") or "NGN",
        "gateway_response": "Abandoned",
        "paid_at": None,
        "created_at": _now(),
        "channel": "card",
        "fees": None,
        "metadata": body.get("metadata") or "",
        "customer": {"email": body["email"], "customer_code": _code("CUS")},
        "callback_url": body.get("callback_url"),
    }
    data = {
        "authorization_url": f"https://checkout.paystack.com/{access_code}",
        "access_code": access_code,
        "reference": reference,
    }
    return _ok("Authorization URL created", data)


def _verify_charge(fake: FakePaystack, reference: str) -> tuple[int, dict]:
    tx = fake.transactions.get(reference)
    if tx is None:
        return _refuse("Transaction reference not found")
    return _ok("Verification successful", {k: v for k, v in tx.items() if k != "callback_url"})


def _refund(fake: FakePaystack, body: dict) -> tuple[int, dict]:
    tx = fake.transactions.get(str(body.get("transaction")))
    if tx is None:
        return _refuse("Transaction not found", 404)
    if tx["status"] != "success":
        return _refuse("Cannot refund a transaction that has not been completed")
    amount = body.get("amount", tx["amount"])
    if not isinstance(amount, int) or not 0 < amount <= tx["amount"]:
        return _refuse("Refund amount cannot be more than the transaction amount")
    data = {
        "transaction": {
            "id": tx["id"],
            "reference": tx["reference"],
            "amount": tx["amount"],
            "currency": tx["currency"],
        },
        "integration": 100,
        "deducted_amount": 0,
        "channel": None,
        "merchant_note": "",
        "customer_note": "",
        "status": "pending",
        "refunded_by": "ops@procusmeet.test",
        "expected_at": _now(),
        "currency": tx["currency"],
        "domain": "test",
        "amount": amount,
        "fully_deducted": False,
        "id": fake.next_id(),
    }
    return _ok("Refund has been queued for processing", data)


def _banks(fake: FakePaystack, query: dict) -> tuple[int, dict]:
    currency = query.get("currency", "NGN")
    banks = [
        {
            "name": name,
            "slug": name.lower().replace(" ", "-"),
            "code": code,
            "longcode": "",
            "gateway": None,
            "pay_with_bank": False,
            "active": True,
            "country": "",
            "currency": currency,
            "type": "mobile_money" if code == "MTN" else {"GHS": "ghipss", "ZAR": "basa"}.get(currency, "nuban"),
            "is_deleted": False,
            "id": index,
        }
        for index, (name, code) in enumerate(BANKS.get(currency, []), 1)
    ]
    size = fake.banks_page_size or int(query.get("perPage") or 50)
    start = int(query.get("next") or 0)
    following = str(start + size) if start + size < len(banks) else None
    meta = {"next": following, "previous": None, "perPage": size}
    return _ok("Banks retrieved", banks[start : start + size], meta=meta)


def _resolve(fake: FakePaystack, query: dict) -> tuple[int, dict]:
    name = fake.accounts.get((query.get("account_number", ""), query.get("bank_code", "")))
    if name is None:
        return _refuse("Could not resolve account name. Check parameters or try again.", 422)
    return _ok(
        "Account number resolved", {"account_number": query["account_number"], "account_name": name, "bank_id": 9}
    )


def _recipient(fake: FakePaystack, body: dict) -> tuple[int, dict]:
    if body.get("type") not in RECIPIENT_TYPES:
        return _refuse("Invalid recipient type")
    name = fake.accounts.get((body.get("account_number", ""), body.get("bank_code", "")))
    if name is None:
        return _refuse("Cannot resolve account")
    bank_name = next((n for banks in BANKS.values() for n, c in banks if c == body["bank_code"]), "")
    code = _code("RCP")
    data = {
        "active": True,
        "createdAt": _now(),
        "currency": body.get("currency") or "NGN",
        "domain": "test",
        "id": fake.next_id(),
        "integration": 100,
        "name": body.get("name"),
        "recipient_code": code,
        "type": body["type"],
        "updatedAt": _now(),
        "is_deleted": False,
        "details": {
            "authorization_code": None,
            "account_number": body["account_number"],
            "account_name": name,
            "bank_code": body["bank_code"],
            "bank_name": bank_name,
        },
    }
    fake.recipients[code] = data
    return _ok("Transfer recipient created successfully", data)


def _transfer(fake: FakePaystack, body: dict) -> tuple[int, dict]:
    recipient = fake.recipients.get(body.get("recipient"))
    if recipient is None:
        return _refuse("Recipient specified is invalid")
    if body.get("source") != "balance" or not isinstance(body.get("amount"), int) or body["amount"] <= 0:
        return _refuse("Invalid amount or source")
    reference = body.get("reference") or _code("ref")
    previous = fake.transfers.get(reference)
    if previous is not None and previous["status"] not in {"failed", "reversed"}:
        return _refuse("Duplicate Transfer Reference")
    data = {
        "reference": reference,
        "integration": 100,
        "domain": "test",
        "amount": body["amount"],
        "currency": body.get("currency") or recipient["currency"],
        "source": "balance",
        "reason": body.get("reason"),
        "recipient": recipient["id"],
        "status": "pending",
        "transfer_code": _code("TRF"),
        "id": fake.next_id(),
        "createdAt": _now(),
        "updatedAt": _now(),
    }
    fake.transfers[reference] = data
    return _ok("Transfer has been queued", data)


def _verify_transfer(fake: FakePaystack, reference: str) -> tuple[int, dict]:
    transfer = fake.transfers.get(reference)
    if transfer is None:
        return _refuse("Transfer not found", 404)
    return _ok("Transfer retrieved", transfer)


_ROUTES = {
    ("POST", "/transaction/initialize"): _initialize,
    ("POST", "/refund"): _refund,
    ("GET", "/bank"): _banks,
    ("GET", "/bank/resolve"): _resolve,
    ("POST", "/transferrecipient"): _recipient,
    ("POST", "/transfer"): _transfer,
}
