"""``/staff/``: today's bookings, calls in progress, failed payments and payouts, and webhook
deliveries that failed, for staff only."""

import datetime as dt

import pytest
from django.utils import timezone

from calls.models import Call, CallStatus
from ops.audit import audit_record
from payments.models import Payment, WebhookEvent
from payments.models_payouts import PayoutStatus
from scheduling.models_booking import BookingStatus
from tests.payouts.factories import payout, seeded_booking

pytestmark = pytest.mark.django_db
URL = "/staff/"


def test_a_visitor_not_signed_in_is_sent_to_the_staff_sign_in(client):
    answer = client.get(URL)
    assert answer.status_code == 302
    assert answer["Location"] == "/admin/login/?next=/staff/"


@pytest.mark.parametrize("who", ["alice_client", "bob_expert"])
def test_only_staff_may_open_it(client, request, who):
    client.force_login(request.getfixturevalue(who))
    answer = client.get(URL)
    assert answer.status_code == 403
    assert "You do not have permission" in answer.content.decode()  # the site's 403 page


@pytest.fixture
def trouble(alice_client, bob_expert, dave_client, staff):
    """One of everything the page lists, plus things it must leave out."""
    now = timezone.now()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(minutes=5)
    todays = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.CONFIRMED, start=today)
    seeded_booking(expert=bob_expert, client=dave_client, start=today - dt.timedelta(days=2))  # not today
    live = seeded_booking(expert=bob_expert, client=dave_client, status=BookingStatus.CONFIRMED, start=now + dt.timedelta(days=9))
    Call.objects.filter(pk=live.call_id).update(status=CallStatus.IN_PROGRESS)
    unpaid = seeded_booking(expert=bob_expert, client=dave_client, status=BookingStatus.EXPIRED).call.payment
    Payment.objects.filter(pk=unpaid.pk).update(updated_at=now, failure_reason="card declined")
    stuck = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.CONFIRMED).call.payment
    Payment.objects.filter(pk=stuck.pk).update(refund_error="Paystack timed out")
    failed_payout = payout(bob_expert, 1_000_000, status=PayoutStatus.FAILED)
    payout(bob_expert, 2_000_000, status=PayoutStatus.PAID)
    broken = WebhookEvent.objects.create(
        provider="paystack", dedupe_key="charge.success:pm-x", event="charge.success", payload={}, attempts=2,
        last_error="database unavailable",
    )  # fmt: skip
    WebhookEvent.objects.create(provider="paystack", dedupe_key="charge.success:pm-y", event="charge.success", payload={}, attempts=1, processed_at=now)
    audit_record(actor=staff, action="accounts.user.deactivate_users", data={"description": "Deactivate selected users"})
    return {"today": todays, "live": live.call, "unpaid": unpaid, "stuck": stuck, "payout": failed_payout, "webhook": broken}


def test_staff_see_what_needs_attention_today(staff_client, trouble):
    page = staff_client.get(URL).content.decode()

    assert f'data-booking="{trouble["today"].pk}"' in page and page.count("data-booking=") == 1
    assert f'data-call="{trouble["live"].pk}"' in page
    assert f'data-payment="{trouble["unpaid"].pk}"' in page and "card declined" in page
    assert f'data-refund="{trouble["stuck"].pk}"' in page and "Paystack timed out" in page
    assert f'data-payout="{trouble["payout"].pk}"' in page and page.count("data-payout=") == 1
    assert f'data-webhook="{trouble["webhook"].pk}"' in page and page.count("data-webhook=") == 1
    assert "Deactivate selected users" in page


def test_a_quiet_day_says_so(staff_client):
    page = staff_client.get(URL).content.decode()
    assert "No calls today." in page and "Nothing failed." in page and "Every delivery was processed." in page


def test_the_page_costs_a_fixed_number_of_queries(staff_client, trouble, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        assert staff_client.get(URL).status_code == 200
