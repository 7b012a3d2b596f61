"""The real lobby, call and notes pages (not the harness) in Chromium, each checked with
axe under the site's Content-Security-Policy: a booking that cannot be joined, a call
page opened before its window, and the expert writing, editing and deleting a note."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from calls.models import CallNote
from tests.browser.helpers import assert_accessible
from tests.calls.bookings import call_at, in_the_room, paid

pytestmark = pytest.mark.browser


def test_the_lobby_of_a_booking_awaiting_the_expert_explains_and_asks_for_no_camera(
    logged_in_page, alice_client, bob_hour
):
    booking = call_at(paid(alice_client, bob_hour), timezone.now() + dt.timedelta(minutes=5))
    page = logged_in_page(alice_client)
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"/calls/{booking.call_id}/lobby/")

    expect(page.get_by_role("heading", name="This call cannot be joined")).to_be_visible()
    expect(page.locator("[data-refusal]")).to_contain_text("not confirmed yet")
    assert page.locator("[data-lobby]").count() == 0
    assert not [url for url in requested if "/static/calls/" in url], "no call script on a closed lobby"
    assert_accessible(page)


def test_the_call_page_before_its_window_waits_calmly_without_asking_for_a_token(
    logged_in_page, livekit_settings, bob_call, bob_expert
):
    booking = call_at(bob_call, timezone.now() + dt.timedelta(minutes=40))
    page = logged_in_page(bob_expert)
    tokens = []
    page.on("request", lambda request: tokens.append(request.url) if request.url.endswith("/token") else None)

    page.goto(f"/calls/{booking.call_id}/")

    expect(page.locator("[data-connection-state]")).to_have_text("Not open yet")
    expect(page.locator("[data-view='early']")).to_be_visible()
    expect(page.locator("[data-opens-countdown]")).to_contain_text("30 minutes")
    expect(page.get_by_role("link", name="Back to the lobby")).to_be_visible()
    assert tokens == []
    assert_accessible(page)


def test_the_expert_writes_edits_and_deletes_a_note_in_the_browser(logged_in_page, bob_call, bob_expert):
    booking = in_the_room(call_at(bob_call, timezone.now() - dt.timedelta(minutes=5)))
    page = logged_in_page(bob_expert)
    page.goto(f"/calls/{booking.call_id}/notes/")
    assert_accessible(page)

    page.get_by_label("New note").fill("Send the pitch deck by Friday.")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".notes-list__body")).to_have_text("Send the pitch deck by Friday.")
    assert_accessible(page)

    page.locator("summary", has_text="Edit").click()
    page.get_by_label("Note", exact=True).fill("Send the deck by Monday.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".notes-list__body")).to_have_text("Send the deck by Monday.")
    assert CallNote.objects.get().body == "Send the deck by Monday."

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete note 1").click()
    expect(page.locator("[data-notes-empty]")).to_be_visible()
    assert not CallNote.objects.exists()
    assert_accessible(page)


def test_an_empty_note_is_refused_in_place_and_announced(logged_in_page, bob_call, bob_expert):
    booking = in_the_room(call_at(bob_call, timezone.now() - dt.timedelta(minutes=5)))
    page = logged_in_page(bob_expert)
    page.goto(f"/calls/{booking.call_id}/notes/")

    # Spaces pass the browser's "required" check; the server says what is wrong.
    page.get_by_label("New note").fill("   ")
    page.get_by_role("button", name="Save note").click()

    expect(page.locator("#call-notes [role='alert']")).to_have_text("Write something first.")
    assert not CallNote.objects.exists()
    assert_accessible(page)
