"""What a newcomer found unclear on the booking pages: cancelling asks first and says what
happens to the money, the status line speaks of an open proposal, "Add to calendar" waits
for the expert's acceptance, the booking page's heading names its step, and the test
checkout says what is being paid for."""

import datetime as dt
import re
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest

from accounts.services import user_profile_update
from scheduling.bookings.reschedules import reschedule_propose
from scheduling.bookings.transitions import booking_accept
from tests.bookings.helpers import book, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)

PROPOSAL_LINE = "The expert proposed a new time — accept or decline it below."
WAITING_LINE = "Paid. Waiting for the expert to accept your request."


@pytest.fixture
def paid(alice_client, bob_hour, slot):
    return paid_booking(alice_client, bob_hour, slot)


def page_of(client, user, url: str, **headers) -> str:
    client.force_login(user)
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def cancel_disclosure(page: str) -> str:
    """The confirmation that "Cancel booking…" opens: a <details>, closed until asked."""
    match = re.search(r'<details class="booking-cancel">(.*?)</details>', page, re.DOTALL)
    assert match, "cancelling is not behind a confirmation"
    return match.group(1)


def test_cancelling_asks_first_and_tells_the_client_they_are_refunded(client, alice_client, paid):
    page = page_of(client, alice_client, f"/bookings/{paid.pk}/")

    confirmation = cancel_disclosure(page)
    assert page.count(f'action="/bookings/{paid.pk}/cancel/"') == 1  # only inside the confirmation
    assert f'action="/bookings/{paid.pk}/cancel/"' in confirmation
    assert "you are refunded ₦15,000 in full" in confirmation
    assert 'name="reason"' in confirmation and "Yes, cancel and refund" in confirmation
    assert f'href="/bookings/{paid.pk}/">Keep the booking</a>' in confirmation


def test_the_expert_is_told_the_client_is_refunded_and_they_are_not_paid(client, bob_expert, paid):
    confirmation = cancel_disclosure(page_of(client, bob_expert, f"/bookings/{paid.pk}/"))

    assert "the client is refunded ₦15,000 in full and you are not paid for it" in confirmation


def test_an_unpaid_booking_says_there_is_nothing_to_refund(client, alice_client, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)

    confirmation = cancel_disclosure(page_of(client, alice_client, f"/bookings/{booking.pk}/"))

    assert "Nothing has been paid, so there is nothing to refund." in confirmation
    assert "Yes, cancel the booking" in confirmation and "refund</button>" not in confirmation


def test_an_open_proposal_replaces_the_waiting_line(client, alice_client, bob_expert, paid, slot):
    assert WAITING_LINE in page_of(client, alice_client, f"/bookings/{paid.pk}/")
    reschedule_propose(booking=paid, actor=bob_expert, start=slot + dt.timedelta(hours=3))

    page = page_of(client, alice_client, f"/bookings/{paid.pk}/")

    assert PROPOSAL_LINE in page and WAITING_LINE not in page
    # The expert reads their own words in the proposal's section.
    assert PROPOSAL_LINE not in page_of(client, bob_expert, f"/bookings/{paid.pk}/")


def test_add_to_calendar_waits_until_the_expert_accepts(client, alice_client, bob_expert, paid):
    assert "calendar.ics" not in page_of(client, alice_client, f"/bookings/{paid.pk}/")
    assert "calendar.google.com" not in page_of(client, bob_expert, f"/bookings/{paid.pk}/")

    booking_accept(booking=paid, actor=bob_expert)

    assert f'href="/bookings/{paid.pk}/calendar.ics"' in page_of(client, alice_client, f"/bookings/{paid.pk}/")


def _book_urls(area, slot) -> tuple[str, str]:
    """The booking page of its own at its two steps: the calendar, then the chosen time."""
    query = urlencode({"area": area.pk, "tz": "Africa/Lagos"})
    slug = area.expert.slug
    start = urlencode({"start": slot.isoformat()})
    return f"/experts/{slug}/calendar/?{query}", f"/experts/{slug}/book/?{query}&{start}"


def _step_heading(page: str) -> str:
    match = re.search(r'<h2 id="book-title"[^>]*>(.*?)</h2>', page, re.DOTALL)
    assert match, "no step heading"
    return " ".join(match.group(1).split())


def test_the_booking_page_heading_follows_the_step(client, alice_client, bob_hour, slot):
    calendar_url, summary_url = _book_urls(bob_hour, slot)

    assert _step_heading(page_of(client, alice_client, calendar_url)) == "Step 1 of 2: choose a time"
    assert _step_heading(page_of(client, alice_client, summary_url)) == "Step 2 of 2: confirm and pay"


def test_an_htmx_step_on_the_booking_page_swaps_its_heading_but_not_on_the_profile(
    client, alice_client, bob_hour, slot
):
    calendar_url, summary_url = _book_urls(bob_hour, slot)
    from_page = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{calendar_url}"}
    profile_url = f"http://testserver/experts/{bob_hour.expert.slug}/"
    from_profile = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": profile_url}

    swapped = page_of(client, alice_client, summary_url, **from_page)
    assert 'hx-swap-oob="true"' in swapped and _step_heading(swapped) == "Step 2 of 2: confirm and pay"
    from_summary = {**from_page, "HTTP_HX_CURRENT_URL": f"http://testserver{summary_url}"}
    back = page_of(client, alice_client, calendar_url, **from_summary)
    assert _step_heading(back) == "Step 1 of 2: choose a time"
    assert 'id="book-title"' not in page_of(client, alice_client, summary_url, **from_profile)


def test_the_test_checkout_says_what_is_paid_for(client, alice_client, bob_hour, slot):
    user_profile_update(user=alice_client, changes={"timezone": "Asia/Tokyo"})
    booking = book(alice_client, bob_hour, slot)

    page = page_of(client, alice_client, booking.call.payment.authorization_url)

    tokyo = slot.astimezone(ZoneInfo("Asia/Tokyo"))
    assert "Test mode — no money moves." in page
    assert "<dd>Career advice</dd>" in page and "<dd>Bob Expert</dd>" in page
    assert f"{tokyo:%A} {tokyo.day} {tokyo:%B %Y, %H:%M}" in page and "(Asia/Tokyo)" in page
    assert "₦15,000<" in page
