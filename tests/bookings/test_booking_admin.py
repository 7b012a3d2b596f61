"""Admin: bookings, calls and payments are read-only; cancelling and refunding are
actions that go through the services (and land on the booking's timeline)."""

import pytest
from django.contrib.auth.models import Permission

from scheduling.models_booking import BookingEvent
from tests.bookings.helpers import fresh, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid(alice_client, bob_hour, slot):
    return paid_booking(alice_client, bob_hour, slot)


@pytest.mark.parametrize("path", ["scheduling/booking", "calls/call", "payments/payment", "payments/webhookevent"])
def test_the_lists_and_pages_open(admin_client, paid, path):
    assert admin_client.get(f"/admin/{path}/").status_code == 200


def test_a_booking_page_is_read_only(admin_client, paid):
    page = admin_client.get(f"/admin/scheduling/booking/{paid.pk}/change/")
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    admin_client.post(f"/admin/scheduling/booking/{paid.pk}/change/", {"status": "confirmed"})
    assert fresh(paid).status == "pending"


def test_cancel_booking_action_cancels_and_refunds(admin_client, admin_user, paid):
    page = admin_client.post(
        "/admin/scheduling/booking/", {"action": "cancel_bookings", "_selected_action": [paid.pk], "post": "yes"}, follow=True
    )
    assert "Cancelled 1 booking." in page.content.decode()
    booking = fresh(paid)
    assert (booking.status, booking.call.payment.status) == ("cancelled", "refunded")
    event = BookingEvent.objects.get(booking=paid, action="cancelled")
    assert (event.actor_id, event.data["by"]) == (admin_user.pk, "staff")


def test_refund_payment_action_cancels_the_booking_and_refunds(admin_client, paid):
    payment = paid.call.payment
    admin_client.post("/admin/payments/payment/", {"action": "refund_payments", "_selected_action": [payment.pk], "post": "yes"})
    booking = fresh(paid)
    assert (booking.status, booking.call.payment.status) == ("cancelled", "refunded")


def test_staff_without_permission_see_no_actions(client, django_user_model, paid):
    viewer = django_user_model.objects.create_user(
        email="viewer@example.com", password="x", full_name="Viewer", is_staff=True
    )
    viewer.user_permissions.add(Permission.objects.get(codename="view_booking"))
    client.force_login(viewer)
    page = client.get("/admin/scheduling/booking/")
    assert page.status_code == 200
    assert "cancel_bookings" not in page.content.decode()
