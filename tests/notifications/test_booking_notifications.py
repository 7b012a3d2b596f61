import datetime as dt

from notifications.models import Notification, NotificationKind
from tests.notifications.conftest import quarter_hour_after


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def test_a_paid_request_reaches_the_expert_and_tells_the_client_their_money_is_held(bookings, alice_client, bob_expert):
    booking = bookings.paid(quarter_hour_after(dt.timedelta(days=3)))

    request = Notification.objects.get(user=bob_expert)
    assert request.kind == NotificationKind.BOOKING_REQUESTED
    assert request.title == "New booking request from Alice Client"
    assert "Career advice" in request.body and "(60 min)" in request.body
    assert request.url == f"/bookings/{booking.pk}/" and request.read_at is None
    assert kinds_of(alice_client) == [NotificationKind.PAYMENT_HELD]


def test_accepting_tells_the_client_and_gives_the_expert_a_read_copy(bookings, alice_client, bob_expert):
    bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))

    accepted = Notification.objects.get(user=alice_client, kind=NotificationKind.BOOKING_ACCEPTED)
    assert accepted.title == "Bob Expert accepted your booking" and accepted.read_at is None
    assert accepted.data["calendar"]["method"] == "REQUEST"
    copy = Notification.objects.get(user=bob_expert, kind=NotificationKind.BOOKING_CONFIRMED)
    assert copy.read_at is not None


def test_a_cancellation_reaches_the_other_side_unread_and_the_canceller_read(bookings, alice_client, bob_expert):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    bookings.cancel(booking, alice_client)

    to_bob = Notification.objects.get(user=bob_expert, kind=NotificationKind.BOOKING_CANCELLED)
    assert to_bob.title == "Alice Client cancelled your call" and to_bob.read_at is None
    assert to_bob.data["calendar"]["method"] == "CANCEL"
    own = Notification.objects.get(user=alice_client, kind=NotificationKind.BOOKING_CANCELLED)
    assert own.read_at is not None and "full refund" in own.body
    assert Notification.objects.filter(user=alice_client, kind=NotificationKind.PAYMENT_REFUNDED).count() == 1


def test_cancelling_a_request_never_confirmed_sends_no_calendar_cancellation(bookings, alice_client, bob_expert):
    booking = bookings.paid(quarter_hour_after(dt.timedelta(days=3)))
    bookings.cancel(booking, bob_expert)

    to_alice = Notification.objects.get(user=alice_client, kind=NotificationKind.BOOKING_CANCELLED)
    assert "calendar" not in to_alice.data


def test_an_accepted_reschedule_tells_the_expert_with_an_updated_invite(bookings, alice_client, bob_expert):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    bookings.move(booking, quarter_hour_after(dt.timedelta(days=4)))

    proposed = Notification.objects.get(user=alice_client, kind=NotificationKind.RESCHEDULE_PROPOSED)
    assert proposed.title == "Bob Expert proposed a new time"
    moved = Notification.objects.get(user=bob_expert, kind=NotificationKind.RESCHEDULE_ACCEPTED)
    assert moved.read_at is None and moved.data["calendar"]["method"] == "REQUEST"
