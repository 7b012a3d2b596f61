"""A signed transfer webhook about a transfer that is not one of our payouts (another
product on the same Paystack account) is acknowledged as ignored and changes nothing."""

import pytest

from payments.models import WebhookEvent
from payments.models_payouts import Payout, PayoutStatus
from tests.fakes.paystack import signed_webhook

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/webhooks/paystack"


@pytest.mark.parametrize("event", ["transfer.success", "transfer.failed", "transfer.reversed"])
def test_a_transfer_webhook_for_an_unknown_reference_is_ignored(api, fake_paystack, sent_payout, event):
    data = {"reference": "not-ours-0000000000", "transfer_code": "TRF_other", "amount": 1_000_000, "currency": "NGN"}
    body, signature = signed_webhook(event, data, fake_paystack.secret_key)

    answer = api.post(URL, data=body, content_type="application/json", HTTP_X_PAYSTACK_SIGNATURE=signature)

    assert (answer.status_code, answer.json()) == (200, {"status": "ignored"})
    stored = WebhookEvent.objects.get(event=event)
    assert stored.processed_at is not None and stored.last_error == ""  # nothing left to retry
    assert list(Payout.objects.values_list("status", flat=True)) == [PayoutStatus.PROCESSING]
    assert not fake_paystack.requests_to("GET", "/transfer/verify/not-ours-0000000000")
