"""The lobby, call and notes pages: only the call's two participants get in, a booking
that is not confirmed gets a page saying why, and the notes page is the expert's alone."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from calls.models import CallAttendance, CallNote
from scheduling.bookings.transitions import booking_cancel
from tests.calls.bookings import call_at, paid
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def page_as(client, user, url):
    client.force_login(user)
    return client.get(url)


def data_attribute(html: str, name: str) -> str:
    return re.search(rf'{name}="([^"]*)"', html).group(1)


@pytest.mark.parametrize("who", ["alice_client", "bob_expert"])
def test_each_participant_gets_the_lobby_with_the_join_window(client, request, bob_call, who):
    answer = page_as(client, request.getfixturevalue(who), f"/calls/{bob_call.call_id}/lobby/")

    assert answer.status_code == 200
    html = answer.content.decode()
    start = bob_call.call.scheduled_start
    assert dt.datetime.fromisoformat(data_attribute(html, "data-join-opens-at")) == start - dt.timedelta(minutes=10)
    assert dt.datetime.fromisoformat(data_attribute(html, "data-ends-at")) == bob_call.call.scheduled_end
    assert data_attribute(html, "data-call-url") == f"/calls/{bob_call.call_id}/"
    assert "calls/lobby.js" in html


def test_strangers_get_404_and_anonymous_visitors_are_asked_to_log_in(client, bob_call, dave_client, carol_expert):
    url = f"/calls/{bob_call.call_id}/lobby/"
    assert client.get(url).status_code == 302
    for stranger in (dave_client, carol_expert):
        assert page_as(client, stranger, url).status_code == 404
        assert page_as(client, stranger, f"/calls/{bob_call.call_id}/").status_code == 404


def test_a_pending_booking_gets_a_lobby_that_explains_why_it_is_closed(client, alice_client, bob_hour):
    booking = call_at(paid(alice_client, bob_hour), timezone.now() + dt.timedelta(minutes=5))

    html = page_as(client, alice_client, f"/calls/{booking.call_id}/lobby/").content.decode()

    assert "This call cannot be joined" in html
    assert "This booking is not confirmed yet: the call opens once the expert accepts it." in html
    assert "data-lobby" not in html and "lobby.js" not in html


def test_a_cancelled_booking_says_so_and_the_call_page_sends_people_to_the_lobby(client, bob_call, alice_client):
    booking_cancel(booking=bob_call, actor=alice_client, now=timezone.now() - dt.timedelta(hours=1))

    lobby = page_as(client, alice_client, f"/calls/{bob_call.call_id}/lobby/").content.decode()
    call = client.get(f"/calls/{bob_call.call_id}/")

    assert "This booking was cancelled, so the call will not take place." in lobby
    assert call.status_code == 302 and call.url == f"/calls/{bob_call.call_id}/lobby/"


def test_the_call_page_points_the_script_at_the_token_and_end_endpoints(client, bob_call, bob_expert):
    html = page_as(client, bob_expert, f"/calls/{bob_call.call_id}/").content.decode()

    assert data_attribute(html, "data-token-url") == f"/api/v1/calls/{bob_call.call_id}/token"
    assert data_attribute(html, "data-end-url") == f"/api/v1/calls/{bob_call.call_id}/end"
    assert f'href="/bookings/{bob_call.pk}/"' in html  # "Done" after the call
    assert "calls/call.js" in html


def test_the_booking_page_links_to_the_lobby_and_shows_attendance(client, bob_call, alice_client, bob_expert):
    start = bob_call.call.scheduled_start
    CallAttendance.objects.create(
        call=bob_call.call, user=bob_expert, participant_sid="PA_E", joined_at=start, left_at=start + dt.timedelta(minutes=42)
    )
    bob_call.call.__class__.objects.filter(pk=bob_call.call_id).update(status="in_progress")

    html = page_as(client, alice_client, f"/bookings/{bob_call.pk}/").content.decode()

    assert f'href="/calls/{bob_call.call_id}/lobby/"' in html
    assert "42 minutes in the call" in html
    assert "Never joined" in html  # alice
    assert "Your private notes on this call" not in html  # the client never sees the notes link


def test_the_expert_finds_the_notes_from_the_booking_page_once_the_call_started(client, bob_call, bob_expert):
    call_at(bob_call, timezone.now() - dt.timedelta(minutes=1))

    html = page_as(client, bob_expert, f"/bookings/{bob_call.pk}/").content.decode()

    assert f'href="/calls/{bob_call.call_id}/notes/"' in html


@pytest.fixture
def started(bob_call):
    return call_at(bob_call, timezone.now() - dt.timedelta(minutes=5))


def test_the_notes_page_is_the_experts_alone(client, started, bob_expert, alice_client, carol_expert):
    CallNote.objects.create(call=started.call, author=bob_expert, body="Private thought")
    url = f"/calls/{started.call_id}/notes/"

    assert "Private thought" in page_as(client, bob_expert, url).content.decode()
    for other in (alice_client, carol_expert):
        answer = page_as(client, other, url)
        assert answer.status_code == 404 and "Private thought" not in answer.content.decode()
        assert client.post(f"{url}add", {"body": "sneaky"}).status_code == 404
    assert CallNote.objects.count() == 1


def test_adding_a_note_with_htmx_swaps_the_section_and_toasts(client, started, bob_expert):
    client.force_login(bob_expert)

    answer = client.post(f"/calls/{started.call_id}/notes/add", {"body": "Send the deck"}, HTTP_HX_REQUEST="true")

    html = answer.content.decode()
    assert answer.status_code == 200
    assert 'id="call-notes"' in html and "Send the deck" in html
    assert 'hx-swap-oob="beforeend"' in html and "Note saved." in html
    assert "<html" not in html


def test_without_javascript_the_forms_redirect_back_to_the_page(client, started, bob_expert):
    client.force_login(bob_expert)
    url = f"/calls/{started.call_id}/notes/"

    added = client.post(f"{url}add", {"body": "First"})
    note = CallNote.objects.get()
    edited = client.post(f"{url}{note.pk}/edit", {"body": "First, edited"})
    body_after_edit = CallNote.objects.get().body
    deleted = client.post(f"{url}{note.pk}/delete")

    assert [added.url, edited.url, deleted.url] == [url] * 3
    assert body_after_edit == "First, edited"
    assert not CallNote.objects.exists()


def test_an_empty_note_shows_the_error_in_place(client, started, bob_expert):
    client.force_login(bob_expert)

    html = client.post(f"/calls/{started.call_id}/notes/add", {"body": " "}, HTTP_HX_REQUEST="true").content.decode()

    assert 'role="alert">Write something first.' in html
    assert not CallNote.objects.exists()


@pytest.fixture
def staff_client(client, password_hash):
    user = make_user(password_hash, email="ops@example.com", full_name="Olu Ops", role="client")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    return client


def test_admin_shows_calls_with_attendance_but_never_a_notes_text(staff_client, started, bob_expert):
    note = CallNote.objects.create(call=started.call, author=bob_expert, body="Private thought")
    CallAttendance.objects.create(call=started.call, user=bob_expert, participant_sid="PA_E", joined_at=timezone.now())

    call_page = staff_client.get(f"/admin/calls/call/{started.call_id}/change/").content.decode()
    note_page = staff_client.get(f"/admin/calls/callnote/{note.pk}/change/").content.decode()
    note_list = staff_client.get("/admin/calls/callnote/").content.decode()

    assert "PA_E" in call_page and "bob@example.com" in call_page
    assert all("Private thought" not in page for page in (call_page, note_page, note_list))
    assert staff_client.get("/admin/calls/livekitwebhookevent/").status_code == 200
