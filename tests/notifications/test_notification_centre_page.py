import re

import pytest

from notifications.models import Notification, NotificationKind
from notifications.selectors import email_muted_kinds
from notifications.services import notification_create

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def notify(user, title: str, **extra) -> Notification:
    return notification_create(user=user, kind=NotificationKind.BOOKING_REQUESTED, title=title, email=False, **extra)


def bell_count(html: str) -> str:
    match = re.search(r'id="notifications-bell-count"[^>]*><span data-unread-number>(\d+)<', html)
    assert match, "no unread badge"
    return match.group(1)


def test_the_centre_needs_a_signed_in_user(client):
    assert client.get("/notifications/").status_code == 302


def test_the_centre_lists_my_notifications_unread_first_and_the_bell_counts_them(client, alice_client, bob_expert):
    notify(alice_client, "Seen before", read=True)
    notify(alice_client, "Brand new", url="/bookings/1/")
    notify(bob_expert, "Bob's secret")
    client.force_login(alice_client)

    page = client.get("/notifications/").content.decode()

    assert page.index("Brand new") < page.index("Seen before")
    assert "Bob's secret" not in page
    assert "1 unread" in page and "Mark all as read" in page
    assert bell_count(page) == "1"


def test_when_each_arrived_reads_naturally_even_for_what_just_happened(client, alice_client):
    import datetime as dt

    older = notify(alice_client, "Earlier")
    Notification.objects.filter(pk=older.pk).update(created_at=older.created_at - dt.timedelta(minutes=7))
    notify(alice_client, "Just now")
    client.force_login(alice_client)

    page = client.get("/notifications/").content.decode()
    # Newest first; Django keeps the number and its unit together with a no-break space.
    times = [when.replace("\xa0", " ") for when in re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", page)]

    assert times[0] in ("now", "1 second ago") or times[0].endswith("seconds ago"), times
    assert times[1] == "7 minutes ago"


def test_each_mark_as_read_button_names_its_notification_for_screen_readers(client, alice_client):
    notify(alice_client, "Ada accepted <your> booking")
    client.force_login(alice_client)

    page = client.get("/notifications/").content.decode()

    hidden = re.search(r'Mark as read<span class="visually-hidden">([^<]*)</span>', page)
    assert hidden, "no hidden name on the button"
    # Read aloud right after "Mark as read": words, not a stray leading colon.
    # ...and when it came, so two alike ("New booking request") still differ.
    assert re.fullmatch(r" “Ada accepted &lt;your&gt; booking”, (now|\d+\xa0seconds? ago)", hidden.group(1))


def test_marking_one_read_swaps_it_and_updates_the_bell(client, alice_client):
    first, second = notify(alice_client, "first"), notify(alice_client, "second")
    client.force_login(alice_client)

    swapped = client.post(f"/notifications/{first.pk}/read/", **HTMX).content.decode()

    assert f'id="notification-{first.pk}"' in swapped and "Mark as read" not in swapped
    assert 'hx-swap-oob="true"' in swapped and bell_count(swapped) == "1"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_someone_elses_notification_cannot_be_marked_or_opened(client, alice_client, bob_expert):
    bobs = notify(bob_expert, "private", url="/bookings/9/")
    client.force_login(alice_client)

    assert client.post(f"/notifications/{bobs.pk}/read/").status_code == 404
    assert client.get(f"/notifications/{bobs.pk}/open/").status_code == 404
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_marking_all_read_empties_the_badge(client, alice_client):
    notify(alice_client, "a")
    notify(alice_client, "b")
    client.force_login(alice_client)

    swapped = client.post("/notifications/read-all/", **HTMX).content.decode()

    assert "0 unread" in swapped and "Mark all as read" not in swapped
    assert re.search(r'id="notifications-bell-count"[^>]* hidden><span data-unread-number>0<', swapped)
    assert "All caught up: 2 marked as read." in swapped


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, alice_client):
    notification = notify(alice_client, "go", url="/bookings/5/")
    client.force_login(alice_client)

    response = client.get(f"/notifications/{notification.pk}/open/")

    assert response.status_code == 302 and response["Location"] == "/bookings/5/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_outside_links_are_refused_when_created():
    with pytest.raises(ValueError):
        notification_create(user=None, kind=NotificationKind.BOOKING_REQUESTED, title="x", url="https://evil.example/")


def test_pages_show_no_bell_to_visitors(client):
    assert "notifications-bell" not in client.get("/").content.decode()


def test_email_preferences_on_their_page_and_on_the_account_page(client, alice_client):
    client.force_login(alice_client)
    assert "Email me about" in client.get("/account/").content.decode()

    everything_but_requests = [kind for kind in NotificationKind.values if kind != NotificationKind.BOOKING_REQUESTED]
    response = client.post("/notifications/preferences/", {"email": everything_but_requests[:3]}, **HTMX)

    assert response.status_code == 200 and "Email preferences saved." in response.content.decode()
    muted = email_muted_kinds(user_id=alice_client.pk)
    assert NotificationKind.BOOKING_REQUESTED in muted and NotificationKind.ACCOUNT_SECURITY not in muted
    page = client.get("/notifications/preferences/").content.decode()
    assert 'value="account_security" id="email-account_security" checked disabled' in page
    assert 'value="booking_requested" id="email-booking_requested">' in page
