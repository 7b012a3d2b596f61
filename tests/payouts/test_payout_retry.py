"""A payout is sent with our own reference; it is sent again only after Paystack gave a
final status, with the same reference, so the money can never go out twice."""

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from payments.errors import PaymentProviderUnavailable, PayoutInvalid, PayoutStateConflict
from payments.models_payouts import Payout, PayoutStatus
from payments.payout_services import payout_request, payout_retry, payout_send, payouts_reconcile
from payments.providers import get_provider
from tests.payouts.factories import payout as seeded_payout

pytestmark = pytest.mark.django_db(transaction=True)


def transfers_posted(fake, reference: str) -> list:
    return [request for request in fake.requests_to("POST", "/transfer") if request.body["reference"] == reference]


def failed_at_paystack(fake, payout) -> Payout:
    fake.transfer_finish(payout.reference, "failed")
    payout_send(payout_id=payout.pk)  # verifies: Paystack's final word settles it
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.FAILED
    return payout


def test_a_failed_payout_is_retried_with_the_same_reference(fake_paystack, sent_payout):
    failed = failed_at_paystack(fake_paystack, sent_payout)
    first_code = failed.transfer_code

    with TestCase.captureOnCommitCallbacks(execute=True):
        payout_retry(payout_id=failed.pk)

    failed.refresh_from_db()
    posted = transfers_posted(fake_paystack, failed.reference)
    assert len(posted) == 2
    assert {request.body["amount"] for request in posted} == {1_000_000}
    assert (failed.status, failed.attempts, failed.failure_reason) == (PayoutStatus.PROCESSING, 2, "")
    assert failed.transfer_code != first_code


def test_no_retry_while_paystack_has_not_finished(fake_paystack, sent_payout):
    Payout.objects.filter(pk=sent_payout.pk).update(status=PayoutStatus.FAILED)  # ours says failed, Paystack: pending

    with pytest.raises(PayoutStateConflict):
        payout_retry(payout_id=sent_payout.pk)

    assert len(transfers_posted(fake_paystack, sent_payout.reference)) == 1


def test_no_retry_of_a_payout_that_did_not_fail(fake_paystack, sent_payout):
    with pytest.raises(PayoutStateConflict):
        payout_retry(payout_id=sent_payout.pk)


def test_no_retry_when_the_balance_no_longer_covers_it(fake_paystack, sent_payout, bob_expert, bob_earned):
    failed = failed_at_paystack(fake_paystack, sent_payout)
    seeded_payout(bob_expert, bob_earned - 500_000, PayoutStatus.PAID)  # spent meanwhile

    with pytest.raises(PayoutInvalid):
        payout_retry(payout_id=failed.pk)

    failed.refresh_from_db()
    assert failed.status == PayoutStatus.FAILED


def test_a_duplicate_send_job_posts_no_second_transfer(fake_paystack, sent_payout):
    payout_send(payout_id=sent_payout.pk)
    payout_send(payout_id=sent_payout.pk)

    assert len(transfers_posted(fake_paystack, sent_payout.reference)) == 1
    sent_payout.refresh_from_db()
    assert (sent_payout.status, sent_payout.attempts) == (PayoutStatus.PROCESSING, 1)


@pytest.fixture
def queued(monkeypatch, settings):
    """Send jobs are queued, not run (the test runs ``payout_send`` itself)."""
    settings.PAYOUT_MINIMUM = 100_000
    jobs = []
    monkeypatch.setattr("payments.tasks.payout_send_job.delay", jobs.append)
    return jobs


def test_paystack_unreachable_keeps_the_payout_pending_and_the_next_run_sends_it_once(
    fake_paystack, bob_expert, bob_paystack_account, bob_earned, queued
):
    payout = payout_request(expert=bob_expert, amount=1_000_000)
    assert queued == [payout.pk]
    fake_paystack.failure_status = 503

    with pytest.raises(PaymentProviderUnavailable):
        payout_send(payout_id=payout.pk)

    payout.refresh_from_db()
    assert (payout.status, payout.attempts) == (PayoutStatus.PENDING, 0)
    fake_paystack.failure_status = None
    payout_send(payout_id=payout.pk)
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PROCESSING
    assert list(fake_paystack.transfers) == [payout.reference]


def test_a_lost_answer_is_recovered_from_paystack_not_sent_again(
    fake_paystack, bob_expert, bob_paystack_account, bob_earned, queued
):
    payout = payout_request(expert=bob_expert, amount=1_000_000)
    accepted = get_provider().transfer(  # an earlier attempt Paystack took, whose answer we never got
        reference=payout.reference,
        amount=payout.amount,
        recipient_code=payout.recipient_code,
        reason="x",
        currency="NGN",
    )

    payout_send(payout_id=payout.pk)

    payout.refresh_from_db()
    assert (payout.status, payout.transfer_code) == (PayoutStatus.PROCESSING, accepted.transfer_code)
    assert len(fake_paystack.transfers) == 1


def test_the_reconcile_job_settles_payouts_whose_webhook_never_came(fake_paystack, sent_payout):
    fake_paystack.transfer_finish(sent_payout.reference, "success")
    Payout.objects.filter(pk=sent_payout.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))

    assert payouts_reconcile() == 1

    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.PAID
    assert len(transfers_posted(fake_paystack, sent_payout.reference)) == 1


def test_the_reconcile_job_sends_a_pending_payout_whose_job_was_lost(
    fake_paystack, bob_expert, bob_paystack_account, bob_earned, queued
):
    payout = payout_request(expert=bob_expert, amount=1_000_000)
    Payout.objects.filter(pk=payout.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=10))

    assert payouts_reconcile() == 1

    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PROCESSING
    assert len(transfers_posted(fake_paystack, payout.reference)) == 1


def test_the_reconcile_job_leaves_recent_payouts_to_their_webhooks(fake_paystack, sent_payout):
    fake_paystack.transfer_finish(sent_payout.reference, "success")

    assert payouts_reconcile() == 0

    sent_payout.refresh_from_db()
    assert sent_payout.status == PayoutStatus.PROCESSING
