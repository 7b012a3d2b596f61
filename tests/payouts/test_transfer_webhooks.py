"""Paystack's ``transfer.success|failed|reversed`` webhooks settle payouts: signed,
verified with Paystack before anything changes, and idempotent."""

import pytest

from notifications.models import Notification, NotificationKind
from payments.balance import expert_balance
from payments.models import WebhookEvent
from payments.models_payouts import PayoutStatus
from tests.fakes.paystack import signed_webhook

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/webhooks/paystack"


def deliver(api, body: bytes, signature: str | None):
    headers = {"HTTP_X_PAYSTACK_SIGNATURE": signature} if signature is not None else {}
    return api.post(URL, data=body, content_type="application/json", **headers)


def finish(fake, payout, status: str, event: str | None = None) -> tuple[bytes, str]:
    """Paystack settles the transfer and signs the webhook telling us so."""
    transfer = fake.transfer_finish(payout.reference, status)
    return signed_webhook(event or f"transfer.{status}", transfer, fake.secret_key)


def test_transfer_success_marks_the_payout_paid_after_verifying(api, fake_paystack, sent_payout, bob_expert):
    answer = deliver(api, *finish(fake_paystack, sent_payout, "success"))

    assert answer.json() == {"status": "processed"}
    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.PAID and sent_payout.settled_at is not None
    assert fake_paystack.requests_to("GET", f"/transfer/verify/{sent_payout.reference}")
    assert expert_balance(expert=bob_expert, currency="NGN").paid_out == 1_000_000
    assert Notification.objects.filter(user=bob_expert, kind=NotificationKind.PAYOUT_PAID).count() == 1


def test_a_duplicate_transfer_webhook_has_no_second_effect(api, fake_paystack, sent_payout, bob_expert):
    body, signature = finish(fake_paystack, sent_payout, "success")
    deliver(api, body, signature)
    verifies = len(fake_paystack.requests_to("GET", f"/transfer/verify/{sent_payout.reference}"))

    again = deliver(api, body, signature)

    assert again.json() == {"status": "duplicate"}
    assert WebhookEvent.objects.filter(event="transfer.success").count() == 1
    assert len(fake_paystack.requests_to("GET", f"/transfer/verify/{sent_payout.reference}")) == verifies
    assert Notification.objects.filter(user=bob_expert, kind=NotificationKind.PAYOUT_PAID).count() == 1


@pytest.mark.parametrize("signature", [None, "", "0" * 128])
def test_a_forged_transfer_webhook_is_refused_and_changes_nothing(api, fake_paystack, sent_payout, signature):
    body, _good = finish(fake_paystack, sent_payout, "success")

    answer = deliver(api, body, signature)

    assert answer.status_code == 401
    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.PROCESSING
    assert not WebhookEvent.objects.exists()


def test_a_webhook_signed_with_another_key_is_refused(api, fake_paystack, sent_payout):
    transfer = fake_paystack.transfer_finish(sent_payout.reference, "success")
    body, signature = signed_webhook("transfer.success", transfer, "sk_test_someone_else")

    assert deliver(api, body, signature).status_code == 401
    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.PROCESSING


@pytest.mark.parametrize("status", ["failed", "reversed"])
def test_a_failed_or_reversed_transfer_returns_the_amount_to_the_balance(
    api, fake_paystack, sent_payout, bob_expert, bob_earned, status
):
    deliver(api, *finish(fake_paystack, sent_payout, status))

    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.FAILED
    assert sent_payout.failure_reason == f"The transfer was {status} by the provider."
    assert expert_balance(expert=bob_expert, currency="NGN").available == bob_earned
    assert Notification.objects.filter(user=bob_expert, kind=NotificationKind.PAYOUT_FAILED).count() == 1


def test_a_paid_payout_reversed_later_returns_to_the_balance(api, fake_paystack, sent_payout, bob_expert, bob_earned):
    deliver(api, *finish(fake_paystack, sent_payout, "success"))

    deliver(api, *finish(fake_paystack, sent_payout, "reversed"))

    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.FAILED
    assert expert_balance(expert=bob_expert, currency="NGN").available == bob_earned


def test_a_webhook_is_only_a_hint_paystacks_own_status_decides(api, fake_paystack, sent_payout):
    transfer = dict(fake_paystack.transfers[sent_payout.reference], status="success")  # Paystack still says pending
    body, signature = signed_webhook("transfer.success", transfer, fake_paystack.secret_key)

    answer = deliver(api, body, signature)

    assert answer.status_code == 200
    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.PROCESSING


def test_a_transfer_webhook_for_someone_elses_reference_is_ignored(api, fake_paystack, sent_payout):
    body, signature = signed_webhook(
        "transfer.success", {"reference": "not-ours-0000000000", "transfer_code": "TRF_other"}, fake_paystack.secret_key
    )

    answer = deliver(api, body, signature)

    assert answer.status_code == 200
    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.PROCESSING
    assert not fake_paystack.requests_to("GET", "/transfer/verify/not-ours-0000000000")


@pytest.mark.parametrize(
    ("event", "data"),
    [
        ("transfer.success", {"transfer_code": "TRF_without_reference"}),
        ("refund.processed", {"refund_reference": "RF_without_transaction", "status": "processed"}),
        ("charge.success", {"transfer_code": "TRF_odd_charge"}),
    ],
)
def test_an_event_without_the_reference_we_key_on_is_ignored_not_retried(api, fake_paystack, event, data):
    answer = deliver(api, *signed_webhook(event, data, fake_paystack.secret_key))

    assert answer.json() == {"status": "ignored"}
    stored = WebhookEvent.objects.get()
    assert stored.processed_at is not None and stored.last_error == ""
