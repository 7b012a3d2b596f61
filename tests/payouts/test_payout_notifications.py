"""A payout's outcome reaches its expert: paid, or failed with the reason and the money
back in the balance. In the app for that expert only, and by email (always: money
emails cannot be turned off) once the settlement committed."""

import pytest
from django.core import mail
from django.test import TestCase

from notifications.models import Notification, NotificationKind
from notifications.services import email_preferences_update
from payments.models_payouts import PayoutStatus
from payments.payout_services import payout_request, payout_send, payout_transfer_update
from procusmeet.api.errors import ApplicationError
from tests.payouts.factories import bank_account

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def minimum(settings):
    settings.PAYOUT_MINIMUM = 100_000


def sent(expert, amount: int = 1_000_000):
    """A payout requested and handed to the test provider, whose webhook is not delivered."""
    with TestCase.captureOnCommitCallbacks(execute=False):
        payout = payout_request(expert=expert, amount=amount)
    with TestCase.captureOnCommitCallbacks(execute=False):
        payout = payout_send(payout_id=payout.pk)
    assert payout.status == PayoutStatus.PROCESSING
    return payout


def test_a_paid_payout_notifies_its_expert_only_and_is_emailed_after_commit(
    bob_expert, alice_client, carol_expert, bob_bank, bob_earned
):
    payout = sent(bob_expert)
    mail.outbox.clear()

    with TestCase.captureOnCommitCallbacks(execute=False) as after_commit:
        assert payout_transfer_update(reference=payout.reference).status == PayoutStatus.PAID
    assert mail.outbox == []  # the email waits for the settlement to commit
    with TestCase.captureOnCommitCallbacks(execute=True):
        for callback in after_commit:
            callback()

    [paid] = Notification.objects.all()
    assert (paid.user, paid.kind, paid.title) == (bob_expert, NotificationKind.PAYOUT_PAID, "Payout of ₦10,000 paid")
    assert paid.url == "/payments/payouts/" and paid.data == {"payout_id": payout.pk}
    [message] = mail.outbox
    assert (message.to, message.subject) == (["bob@example.com"], "Payout of ₦10,000 paid")


def test_a_failed_payout_tells_the_expert_why_and_that_the_money_is_back(bob_expert, alice_client, bob_earned):
    bank_account(bob_expert, account_number="1234560000")  # the test provider fails these
    mail.outbox.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        payout_request(expert=bob_expert, amount=1_000_000)

    [failed] = Notification.objects.all()
    assert (failed.user, failed.kind) == (bob_expert, NotificationKind.PAYOUT_FAILED)
    assert failed.title == "Payout of ₦10,000 failed"
    assert failed.body.startswith("The transfer was failed by the provider. The amount is back in your balance")
    [message] = mail.outbox
    assert (message.to, message.subject) == (["bob@example.com"], "Payout of ₦10,000 failed")
    assert "Check your bank account" in message.body


def test_payout_emails_cannot_be_muted(bob_expert):
    for kind in (NotificationKind.PAYOUT_PAID, NotificationKind.PAYOUT_FAILED):
        with pytest.raises(ApplicationError) as refused:
            email_preferences_update(user=bob_expert, changes={kind: False})
        assert kind in refused.value.fields
