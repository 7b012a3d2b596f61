"""SPEC §7's staff actions as a staff member uses them in admin: each asks "are you
sure?" first, says clearly what happened (or why nothing did, never a 500), and writes one
audit entry naming the staff member, the action and the object. The audit log itself
cannot be changed, not even by a superuser."""

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from accounts.models import ExpertProfile, User
from ops.models import AuditEntry
from payments.models import Payment, PaymentStatus
from payments.models_payouts import Payout, PayoutStatus
from scheduling.models_booking import Booking, BookingStatus
from tests.calls.bookings import confirmed
from tests.payouts.factories import bank_account, earning, payout, seeded_booking

pytestmark = pytest.mark.django_db


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def act(client, model, action: str, obj, *, confirmed_: bool = True):
    """Staff tick ``obj`` and run ``action``; ``confirmed_`` also answers "Yes, I'm sure"."""
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [str(obj.pk)]}
    if confirmed_:
        data["post"] = "yes"
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(changelist(model), data, follow=True)


def said(response) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def failed_payout(expert, client) -> Payout:
    """A payout that failed, from a balance that still covers it, to an account the test provider pays."""
    earning(expert, client, 1_500_000)
    bank_account(expert)
    return payout(expert, 1_000_000, status=PayoutStatus.FAILED)


@pytest.fixture
def objects(staff, alice_client, bob_expert, bob_hour):
    """One object per staff action, each in a state the action applies to."""
    booking = confirmed(alice_client, bob_hour)
    ExpertProfile.objects.filter(user=bob_expert).update(is_listed=True)
    return {
        "deactivate_users": alice_client,
        "cancel_bookings": booking,
        "refund_payments": booking.call.payment,
        "retry_payouts": failed_payout(bob_expert, alice_client),
        "hide_from_directory": bob_expert.expert_profile,
    }


STATE = {
    "deactivate_users": lambda obj: User.objects.get(pk=obj.pk).is_active,
    "cancel_bookings": lambda obj: Booking.objects.get(pk=obj.pk).status,
    "refund_payments": lambda obj: Payment.objects.get(pk=obj.pk).status,
    "retry_payouts": lambda obj: Payout.objects.get(pk=obj.pk).status,
    "hide_from_directory": lambda obj: ExpertProfile.objects.get(pk=obj.pk).is_listed,
}


@pytest.mark.parametrize("action", list(STATE))
def test_each_staff_action_asks_for_confirmation_before_it_runs(staff_client, objects, action):
    obj = objects[action]
    before = STATE[action](obj)

    page = act(staff_client, type(obj), action, obj, confirmed_=False)

    html = page.content.decode()
    assert page.status_code == 200 and "Are you sure?" in html
    assert str(obj) in html and f'name="action" value="{action}"' in html and 'name="post" value="yes"' in html
    assert STATE[action](obj) == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("action", list(STATE))
def test_each_confirmed_staff_action_says_so_and_writes_one_audit_entry(staff_client, staff, objects, action):
    obj = objects[action]
    before = STATE[action](obj)

    page = act(staff_client, type(obj), action, obj)

    assert page.status_code == 200
    assert STATE[action](obj) != before
    assert any(level == "success" for level, _text in said(page)), said(page)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_email, entry.target_id) == (
        staff,
        staff.email,
        str(obj.pk),
    )
    assert (entry.action, entry.target_type) == (f"{type(obj)._meta.label_lower}.{action}", type(obj)._meta.label_lower)


def test_refunding_an_already_refunded_payment_is_refused_with_a_message(staff_client, staff, objects):
    payment = objects["refund_payments"]
    act(staff_client, Payment, "refund_payments", payment)
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.REFUNDED

    page = act(staff_client, Payment, "refund_payments", payment)

    assert page.status_code == 200
    assert said(page) == [
        (
            "warning",
            f"{payment.reference}: not refunded, the payment is refunded (only held payments can be refunded).",
        )
    ]
    second = AuditEntry.objects.filter(target_type="payments.payment").order_by("pk").last()
    assert (second.actor, second.data["changed"]) == (staff, False)


def test_cancelling_a_completed_booking_is_refused_with_a_message(staff_client, staff, alice_client, bob_expert):
    booking = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)

    page = act(staff_client, Booking, "cancel_bookings", booking)

    assert page.status_code == 200
    messages = said(page)
    assert [level for level, _text in messages] == ["warning"] and messages[0][1].startswith(f"#{booking.pk}: ")
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.COMPLETED
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.target_id, entry.data["changed"]) == (
        staff,
        str(booking.pk),
        False,
    )


def test_retrying_a_payout_that_did_not_fail_is_refused_with_a_message(staff_client, bob_expert):
    paid = payout(bob_expert, 1_000_000, status=PayoutStatus.PAID)

    page = act(staff_client, Payout, "retry_payouts", paid)

    assert said(page) == [
        (
            "warning",
            f"{paid.reference}: not retried, the payout is paid (only failed payouts can be retried).",
        )
    ]
    assert Payout.objects.get(pk=paid.pk).status == PayoutStatus.PAID
    assert AuditEntry.objects.get().data["changed"] is False


def test_deactivating_an_inactive_user_or_hiding_a_hidden_expert_says_so(staff_client, dave_client, bob_expert):
    User.objects.filter(pk=dave_client.pk).update(is_active=False)
    ExpertProfile.objects.filter(user=bob_expert).update(is_listed=False)

    assert said(act(staff_client, User, "deactivate_users", dave_client)) == [
        ("warning", "dave@example.com was already inactive.")
    ]
    profile = ExpertProfile.objects.get(user=bob_expert)
    assert said(act(staff_client, ExpertProfile, "hide_from_directory", profile)) == [
        ("warning", f"{profile.display_name} was already hidden.")
    ]
    assert AuditEntry.objects.count() == 2


def test_not_even_a_superuser_can_change_or_delete_the_audit_log(staff_client, staff, dave_client):
    act(staff_client, User, "deactivate_users", dave_client)
    entry = AuditEntry.objects.get()
    assert staff.is_superuser

    listing = staff_client.get(changelist(AuditEntry))
    assert listing.status_code == 200 and "delete_selected" not in listing.content.decode()
    staff_client.post(
        changelist(AuditEntry),
        {
            "action": "delete_selected",
            helpers.ACTION_CHECKBOX_NAME: [entry.pk],
            "post": "yes",
        },
    )
    page = staff_client.get(reverse("admin:ops_auditentry_change", args=[entry.pk])).content.decode()

    assert AuditEntry.objects.filter(pk=entry.pk, action="accounts.user.deactivate_users").exists()
    assert 'name="action"' not in page and 'name="actor_email"' not in page and 'name="_save"' not in page


def test_money_and_status_fields_of_a_payment_are_read_only(staff_client, objects):
    payment = objects["refund_payments"]
    url = reverse("admin:payments_payment_change", args=[payment.pk])

    page = staff_client.get(url).content.decode()
    staff_client.post(url, {"status": "refunded", "amount": "1"})

    assert 'name="status"' not in page and 'name="amount"' not in page
    fresh = Payment.objects.get(pk=payment.pk)
    assert (fresh.status, fresh.amount) == (payment.status, payment.amount)
