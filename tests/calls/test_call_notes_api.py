"""The expert's private notes: GET/POST /api/v1/calls/{id}/notes and PATCH/DELETE
…/notes/{nid}. Only the call's expert ever gets an answer, and only once the call has
started; the client, other experts, other clients and staff get 404, anonymous 401."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from calls.models import Call, CallNote
from notifications.models import Notification
from tests.calls.bookings import call_at, confirmed
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SECRET = "Client seemed unsure about the Series A timeline; follow up in March."


@pytest.fixture
def started_call(bob_call):
    return call_at(bob_call, timezone.now() - dt.timedelta(minutes=5))


@pytest.fixture
def note(started_call, bob_expert):
    return CallNote.objects.create(call=started_call.call, author=bob_expert, body=SECRET)


@pytest.fixture
def staff(password_hash):
    user = make_user(password_hash, email="ops@example.com", full_name="Olu Ops", role="client")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def notes_url(booking) -> str:
    return f"/api/v1/calls/{booking.call_id}/notes"


def test_the_expert_writes_reads_edits_and_deletes_a_note(api_as, started_call, bob_expert):
    expert = api_as(bob_expert)

    created = expert.post(notes_url(started_call), {"body": f"  {SECRET}  "}, format="json")
    assert created.status_code == 201
    note = created.json()
    assert (note["call"], note["body"]) == (started_call.call_id, SECRET)

    listed = expert.get(notes_url(started_call)).json()
    assert [n["body"] for n in listed["results"]] == [SECRET]

    edited = expert.patch(f"{notes_url(started_call)}/{note['id']}", {"body": "Send the deck."}, format="json")
    assert edited.status_code == 200
    assert CallNote.objects.get().body == "Send the deck."

    assert expert.delete(f"{notes_url(started_call)}/{note['id']}").status_code == 204
    assert not CallNote.objects.exists()


def test_before_the_call_starts_notes_cannot_be_written(api_as, bob_call, bob_expert):
    answer = api_as(bob_expert).post(notes_url(bob_call), {"body": "Too early"}, format="json")

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "notes_not_open"
    assert api_as(bob_expert).get(notes_url(bob_call)).json()["results"] == []


def test_once_someone_joined_early_notes_can_be_written(api_as, bob_call, bob_expert):
    Call.objects.filter(pk=bob_call.call_id).update(status="in_progress", started_at=timezone.now())

    assert api_as(bob_expert).post(notes_url(bob_call), {"body": "Joined early"}, format="json").status_code == 201


@pytest.mark.parametrize("who", ["alice_client", "carol_expert", "dave_client", "staff"])
def test_nobody_else_can_read_or_change_the_notes_not_even_the_client(request, api_as, note, started_call, who):
    other = api_as(request.getfixturevalue(who))
    url = notes_url(started_call)

    answers = [
        other.get(url),
        other.post(url, {"body": "mine now"}, format="json"),
        other.get(f"{url}/{note.pk}"),
        other.patch(f"{url}/{note.pk}", {"body": "changed"}, format="json"),
        other.delete(f"{url}/{note.pk}"),
    ]

    assert [answer.status_code for answer in answers] == [404] * 5
    assert all(SECRET not in answer.content.decode() for answer in answers)
    assert CallNote.objects.get().body == SECRET


def test_anonymous_callers_get_401(api, note, started_call):
    url = notes_url(started_call)
    assert [api.get(url).status_code, api.patch(f"{url}/{note.pk}", {"body": "x"}).status_code] == [401, 401]


def test_a_note_is_only_reachable_through_its_own_call(api_as, note, bob_expert, dave_client, bob_hour):
    other_call = confirmed(dave_client, bob_hour, start=timezone.now() - dt.timedelta(hours=3), day=3)

    answer = api_as(bob_expert).patch(f"{notes_url(other_call)}/{note.pk}", {"body": "moved"}, format="json")

    assert answer.status_code == 404
    assert CallNote.objects.get().body == SECRET


@pytest.mark.parametrize(("payload", "message"), [({"body": "   "}, "Write something first."), ({}, "This field is required.")])
def test_an_empty_note_is_a_400_with_the_field(api_as, started_call, bob_expert, payload, message):
    answer = api_as(bob_expert).post(notes_url(started_call), payload, format="json")

    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"body": [message]}


def test_a_note_longer_than_ten_thousand_characters_is_a_400(api_as, note, started_call, bob_expert):
    answer = api_as(bob_expert).patch(f"{notes_url(started_call)}/{note.pk}", {"body": "x" * 10_001}, format="json")

    assert answer.status_code == 400
    assert "body" in answer.json()["error"]["fields"]
    assert CallNote.objects.get().body == SECRET


def test_notes_never_reach_notifications_or_email(api_as, started_call, bob_expert):
    api_as(bob_expert).post(notes_url(started_call), {"body": SECRET}, format="json")

    assert not Notification.objects.filter(body__contains="Series A").exists()
    assert all("Series A" not in message.body for message in mail.outbox)
