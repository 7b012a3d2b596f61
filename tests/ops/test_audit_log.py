"""Staff actions are recorded in the audit log, which staff can read but never change."""

import pytest
from django.contrib.admin import helpers
from django.test import TestCase
from django.urls import reverse

from accounts.models import Category, User
from ops.audit import audit_record
from ops.models import AuditEntry
from scheduling.models_booking import Booking
from tests.calls.bookings import confirmed

pytestmark = pytest.mark.django_db


def run_action(client, model, action: str, pks, **extra):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [str(pk) for pk in pks], **extra}
    return client.post(url, data)


def test_an_admin_action_records_who_did_what_and_what_changed(staff_client, staff, dave_client):
    run_action(staff_client, User, "deactivate_users", [dave_client.pk], post="yes")

    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_email) == (staff, staff.email)
    assert (entry.action, entry.target_type, entry.target_id) == (
        "accounts.user.deactivate_users",
        "accounts.user",
        str(dave_client.pk),
    )
    assert entry.data["before"]["is_active"] == "True" and entry.data["after"]["is_active"] == "False"
    assert entry.data["changed"] is True and entry.data["outcome"] == "done"


def test_an_action_that_changes_nothing_is_still_recorded_as_such(staff_client, dave_client):
    User.objects.filter(pk=dave_client.pk).update(is_active=False)

    run_action(staff_client, User, "deactivate_users", [dave_client.pk], post="yes")

    assert AuditEntry.objects.get().data["changed"] is False


def test_bulk_delete_is_recorded_once_confirmed_not_when_asked(staff_client):
    category = Category.objects.create(name="Farming", slug="farming")

    run_action(staff_client, Category, "delete_selected", [category.pk])
    assert AuditEntry.objects.count() == 0  # the confirmation page only
    run_action(staff_client, Category, "delete_selected", [category.pk], post="yes")

    entry = AuditEntry.objects.get()
    assert entry.action == "accounts.category.delete_selected" and entry.data["after"] == "deleted"
    assert entry.target_repr == str(category)


def test_the_audit_log_is_readable_but_not_editable(staff_client, staff):
    entry = audit_record(actor=staff, action="ops.manual_check", data={"note": "checked"})
    change_url = reverse("admin:ops_auditentry_change", args=[entry.pk])

    assert staff_client.get(reverse("admin:ops_auditentry_changelist")).status_code == 200
    assert "ops.manual_check" in staff_client.get(change_url).content.decode()
    assert staff_client.post(change_url, {"action": "changed"}).status_code == 403
    assert staff_client.get(reverse("admin:ops_auditentry_add")).status_code == 403
    assert staff_client.post(reverse("admin:ops_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == "ops.manual_check"


def test_people_who_are_not_staff_cannot_read_the_audit_log(client, dave_client):
    client.force_login(dave_client)
    answer = client.get(reverse("admin:ops_auditentry_changelist"))
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]


def test_cancelling_a_booking_in_admin_records_its_status_change(staff_client, alice_client, bob_hour):
    booking = confirmed(alice_client, bob_hour)

    with TestCase.captureOnCommitCallbacks(execute=True):
        run_action(staff_client, Booking, "cancel_bookings", [booking.pk], post="yes")

    entry = AuditEntry.objects.get(target_type="scheduling.booking")
    assert entry.target_id == str(booking.pk)
    assert (entry.data["before"]["status"], entry.data["after"]["status"]) == ("confirmed", "cancelled")
