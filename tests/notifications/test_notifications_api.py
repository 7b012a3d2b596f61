import pytest

from notifications.models import Notification, NotificationKind
from notifications.services import notification_create

pytestmark = pytest.mark.django_db


def notify(user, title: str, **extra) -> Notification:
    return notification_create(user=user, kind=NotificationKind.BOOKING_REQUESTED, title=title, email=False, **extra)


def test_the_list_needs_a_signed_in_user(api):
    response = api.get("/api/v1/notifications")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_the_list_shows_only_mine_unread_first_with_the_unread_count(api_as, alice_client, bob_expert):
    old_unread = notify(alice_client, "old unread")
    notify(alice_client, "read one", read=True)
    new_unread = notify(alice_client, "new unread")
    notify(bob_expert, "bob's")

    body = api_as(alice_client).get("/api/v1/notifications").json()

    assert [item["title"] for item in body["results"]] == ["new unread", "old unread", "read one"]
    assert body["unread_count"] == 2 and body["count"] == 3
    assert body["results"][0] | {"created_at": None} == {
        "id": new_unread.pk, "kind": "booking_requested", "title": "new unread", "body": "", "url": "",
        "data": {}, "created_at": None, "read_at": None, "read": False,
    }  # fmt: skip
    assert old_unread.pk in {item["id"] for item in body["results"]}


def test_the_list_pages_and_filters_unread(api_as, alice_client):
    for number in range(5):
        notify(alice_client, f"n{number}", read=number % 2 == 0)
    client = api_as(alice_client)

    page = client.get("/api/v1/notifications", {"page_size": 2, "page": 2}).json()
    assert page["count"] == 5 and len(page["results"]) == 2 and page["next"] and page["previous"]
    unread = client.get("/api/v1/notifications", {"unread": "true"}).json()
    assert [item["title"] for item in unread["results"]] == ["n3", "n1"]
    assert client.get("/api/v1/notifications", {"unread": "maybe"}).status_code == 400


def test_marking_my_notification_read(api_as, alice_client):
    notification = notify(alice_client, "hello")

    response = api_as(alice_client).post(f"/api/v1/notifications/{notification.pk}/read")

    assert response.status_code == 200 and response.json()["read"] is True
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_users_notification_cannot_be_marked_and_looks_missing(api_as, alice_client, bob_expert):
    bobs = notify(bob_expert, "private")

    response = api_as(alice_client).post(f"/api/v1/notifications/{bobs.pk}/read")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "notification_not_found"
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_marking_all_read_touches_only_mine(api_as, alice_client, bob_expert):
    notify(alice_client, "a")
    notify(alice_client, "b")
    bobs = notify(bob_expert, "c")

    response = api_as(alice_client).post("/api/v1/notifications/read-all")

    assert response.json() == {"marked": 2, "unread_count": 0}
    assert not Notification.objects.filter(user=alice_client, read_at__isnull=True).exists()
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_email_preferences_can_be_turned_off_except_security_and_payments(api_as, alice_client):
    client = api_as(alice_client)

    response = client.patch("/api/v1/notifications/preferences", {"email": {"booking_accepted": False}}, format="json")
    assert response.status_code == 200
    kinds = {item["kind"]: item for item in response.json()["email"]}
    assert kinds["booking_accepted"]["enabled"] is False and kinds["booking_declined"]["enabled"] is True
    assert kinds["account_security"] == {**kinds["account_security"], "enabled": True, "locked": True}

    refused = client.patch("/api/v1/notifications/preferences", {"email": {"account_security": False}}, format="json")
    assert refused.status_code == 400 and "account_security" in refused.json()["error"]["fields"]
    unknown = client.patch("/api/v1/notifications/preferences", {"email": {"nonsense": True}}, format="json")
    assert unknown.status_code == 400 and "nonsense" in unknown.json()["error"]["fields"]
    bad = client.patch("/api/v1/notifications/preferences", {"email": "no"}, format="json")
    assert bad.status_code == 400 and "email" in bad.json()["error"]["fields"]

    turned_back_on = client.patch("/api/v1/notifications/preferences", {"email": {"booking_accepted": True}}, format="json")
    assert {item["kind"]: item["enabled"] for item in turned_back_on.json()["email"]}["booking_accepted"] is True


def test_preferences_need_a_signed_in_user(api):
    assert api.get("/api/v1/notifications/preferences").status_code == 401


@pytest.mark.django_db(transaction=True)  # the stream reads on its own connection
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume asynchronous iterators")
def test_without_an_asgi_server_the_stream_answers_what_is_pending_and_ends(api_as, alice_client, bob_expert):
    first, second = notify(alice_client, "first"), notify(alice_client, "second")
    notify(bob_expert, "not alice's")

    response = api_as(alice_client).get("/api/v1/notifications/stream", HTTP_LAST_EVENT_ID=str(first.pk))
    body = b"".join(response).decode()

    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    assert f"id: {second.pk}\nevent: notification\n" in body and '"unread_count": 2' in body
    assert f"id: {first.pk}\n" not in body and "not alice's" not in body
