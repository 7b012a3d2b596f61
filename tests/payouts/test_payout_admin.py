"""Admin: payouts and bank accounts are read-only (masked numbers); a failed payout is
retried through the service (same reference); the platform's revenue per month."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.test import TestCase

from payments.models import TestTransfer
from payments.models_payouts import PayoutStatus
from payments.payout_services import payout_request
from tests.payouts.factories import bank_account, earning

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_payout(bob_expert, bob_earned, settings):
    """Bob's payout to an account the test provider fails; he then fixes his account."""
    settings.PAYOUT_MINIMUM = 100_000
    account = bank_account(bob_expert, account_number="1234560000")
    with TestCase.captureOnCommitCallbacks(execute=True):
        payout = payout_request(expert=bob_expert, amount=1_000_000)
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.FAILED
    account.account_number, account.recipient_code = "0123456789", "RCP_test_058_0123456789"
    account.save()
    return payout


@pytest.mark.parametrize("path", ["payments/payout", "payments/bankaccount", "payments/platformrevenue"])
def test_the_pages_open(admin_client, bob_bank, path):
    assert admin_client.get(f"/admin/{path}/").status_code == 200


def test_retrying_a_failed_payout_goes_through_the_service_with_the_same_reference(
    admin_client, admin_user, failed_payout
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        admin_client.post(
            "/admin/payments/payout/", {"action": "retry_payouts", "_selected_action": [failed_payout.pk], "post": "yes"}
        )

    failed_payout.refresh_from_db()
    assert (failed_payout.status, failed_payout.attempts) == (PayoutStatus.PAID, 2)
    assert TestTransfer.objects.get(reference=failed_payout.reference).recipient_code == "RCP_test_058_0123456789"
    assert LogEntry.objects.filter(user=admin_user, object_id=str(failed_payout.pk)).exists()


def test_a_payout_page_is_read_only(admin_client, failed_payout):
    page = admin_client.get(f"/admin/payments/payout/{failed_payout.pk}/change/")

    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    admin_client.post(f"/admin/payments/payout/{failed_payout.pk}/change/", {"status": "paid"})
    failed_payout.refresh_from_db()
    assert failed_payout.status == PayoutStatus.FAILED


def test_bank_accounts_show_masked_numbers_only(admin_client, bob_bank):
    listing = admin_client.get("/admin/payments/bankaccount/").content.decode()
    detail = admin_client.get(f"/admin/payments/bankaccount/{bob_bank.pk}/change/").content.decode()

    for page in (listing, detail):
        assert "••••••6789" in page
        assert "0123456789" not in page.replace("RCP_test_058_0123456789", "")


def test_the_revenue_summary_sums_platform_fees_per_month_and_currency(
    admin_client, bob_expert, carol_expert, alice_client
):
    may, june = dt.datetime(2026, 5, 10, tzinfo=dt.UTC), dt.datetime(2026, 6, 2, tzinfo=dt.UTC)
    earning(bob_expert, alice_client, 1_500_000, released_at=may)  # fee 150_000
    earning(carol_expert, alice_client, 999_995, released_at=may)  # fee 100_000
    earning(bob_expert, alice_client, 50_000, "GHS", released_at=may)  # fee 5_000
    earning(bob_expert, alice_client, 2_000_000, released_at=june)  # fee 200_000

    page = admin_client.get("/admin/payments/platformrevenue/").content.decode()

    assert 'data-month="2026-05" data-currency="NGN"' in page and 'data-fees="250000"' in page
    assert 'data-month="2026-05" data-currency="GHS"' in page and "GH₵50</td>" in page
    assert 'data-month="2026-06" data-currency="NGN"' in page and "₦2,000" in page


def test_the_revenue_summary_is_for_staff_with_payment_access(client, django_user_model):
    staff = django_user_model.objects.create_user("viewer@example.com", "pw-123456789", full_name="V", is_staff=True)
    client.force_login(staff)

    assert client.get("/admin/payments/platformrevenue/").status_code == 403
