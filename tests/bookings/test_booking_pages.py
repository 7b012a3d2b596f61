"""The booking pages: confirm and pay, "My bookings" for both sides, a booking's page with
its timeline and actions, and nobody else's bookings."""

import datetime as dt
from urllib.parse import urlencode

import pytest

from calls.models import Call
from scheduling.models_booking import RescheduleProposal
from tests.bookings.helpers import book, fresh, paid_booking

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid(alice_client, bob_hour, slot):
    return paid_booking(alice_client, bob_hour, slot)


def as_user(client, user):
    client.force_login(user)
    return client


def test_confirm_and_pay_books_and_goes_to_the_checkout(client, alice_client, bob_hour, slot):
    page = as_user(client, alice_client).post(
        "/bookings/new/", {"area": bob_hour.pk, "start": slot.isoformat(), "tz": "Africa/Lagos"}
    )
    call = Call.objects.get()
    assert page.status_code == 302
    assert page["Location"] == f"/payments/test-checkout/{call.payment.reference}/"
    assert (call.client_id, call.scheduled_start) == (alice_client.pk, slot)


def test_confirm_and_pay_for_a_taken_slot_returns_to_the_summary_with_the_reason(
    client, alice_client, dave_client, bob_hour, slot
):
    book(dave_client, bob_hour, slot)
    page = as_user(client, alice_client).post(
        "/bookings/new/", {"area": bob_hour.pk, "start": slot.isoformat(), "tz": "Africa/Lagos"}, follow=True
    )
    assert page.redirect_chain[0][0].startswith(f"/experts/{bob_hour.expert.slug}/book/?")
    assert "Someone has just booked that time." in page.content.decode()
    assert Call.objects.count() == 1


@pytest.mark.parametrize(
    "form",
    [
        {"area": "abc", "start": "2030-01-01T09:00:00Z"},
        {"area": "²", "start": "2030-01-01T09:00:00Z"},  # a digit to str.isdigit(), not to int()
        {"area": "1", "start": "soon"},
        {},
        # At the edges of the datetime range, where converting between zones overflows.
        {"area": "1", "start": "9999-12-31T23:00:00-05:00", "tz": "Pacific/Kiritimati"},
        {"area": "1", "start": "0001-01-01T00:30:00+05:00"},
    ],
)
def test_confirm_and_pay_with_a_broken_form_is_a_404(client, alice_client, form):
    assert as_user(client, alice_client).post("/bookings/new/", form).status_code == 404


@pytest.mark.parametrize("start", ["9999-12-31T23:00:00-05:00", "9999-12-31T20:00:00+00:00", "0001-01-01T00:30:00+05:00"])
def test_a_summary_at_the_edge_of_time_is_a_404(client, bob_hour, start):
    query = urlencode({"area": bob_hour.pk, "tz": "Pacific/Kiritimati", "start": start})
    assert client.get(f"/experts/{bob_hour.expert.slug}/book/?{query}").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_first(client, bob_hour, slot):
    page = client.post("/bookings/new/", {"area": bob_hour.pk, "start": slot.isoformat(), "tz": "UTC"})
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/?next=")
    assert not Call.objects.exists()


def test_the_summary_offers_confirm_and_pay_to_clients(client, alice_client, bob_hour, slot):
    query = urlencode({"area": bob_hour.pk, "tz": "Africa/Lagos", "start": slot.isoformat()})
    url = f"/experts/{bob_hour.expert.slug}/book/?{query}"
    assert "Log in to book" in client.get(url).content.decode()
    assert "Confirm and pay ₦15,000" in as_user(client, alice_client).get(url).content.decode()


def test_my_bookings_puts_the_experts_requests_first(client, bob_expert, paid):
    page = as_user(client, bob_expert).get("/bookings/").content.decode()
    assert page.index("Requests awaiting your answer") < page.index("Career advice · Alice Client")
    assert f'action="/bookings/{paid.pk}/accept/"' in page


def test_my_bookings_shows_the_clients_pending_booking(client, alice_client, paid):
    page = as_user(client, alice_client).get("/bookings/").content.decode()
    assert "Career advice · Bob Expert" in page
    assert "Held in escrow" in page


def test_nobody_sees_someone_elses_bookings(client, dave_client, carol_expert, paid):
    assert "Career advice" not in as_user(client, dave_client).get("/bookings/").content.decode()
    assert as_user(client, dave_client).get(f"/bookings/{paid.pk}/").status_code == 404
    assert as_user(client, carol_expert).get(f"/bookings/{paid.pk}/").status_code == 404


def test_an_unpaid_request_is_not_on_the_experts_pages(client, alice_client, bob_expert, bob_hour, slot):
    booking = book(alice_client, bob_hour, slot)
    assert as_user(client, bob_expert).get(f"/bookings/{booking.pk}/").status_code == 404


def test_anonymous_visitors_are_asked_to_log_in(client, paid):
    assert client.get("/bookings/")["Location"].startswith("/accounts/login/")
    assert client.get(f"/bookings/{paid.pk}/")["Location"].startswith("/accounts/login/")
    assert client.post(f"/bookings/{paid.pk}/cancel/")["Location"].startswith("/accounts/login/")
    assert fresh(paid).status == "pending"


def test_the_booking_page_shows_status_payment_and_timeline(client, alice_client, paid):
    page = as_user(client, alice_client).get(f"/bookings/{paid.pk}/").content.decode()
    assert "Pending" in page and "Held in escrow" in page
    assert "Booking requested" in page and "Payment received and held until the call" in page
    assert "Cancel booking" in page
    assert "(UTC)" in page  # the client's own zone (UTC unless they chose one)


def test_the_expert_accepts_from_the_list_and_returns_to_it(client, bob_expert, paid):
    page = as_user(client, bob_expert).post(f"/bookings/{paid.pk}/accept/", {"next": "/bookings/"}, follow=True)
    assert page.redirect_chain[-1][0] == "/bookings/"
    assert "Booking accepted." in page.content.decode()
    assert fresh(paid).status == "confirmed"


def test_the_expert_declines_with_a_reason_from_the_booking_page(client, bob_expert, paid):
    page = as_user(client, bob_expert).post(f"/bookings/{paid.pk}/decline/", {"reason": "Fully booked"}, follow=True)
    assert "Booking declined. The client is refunded in full." in page.content.decode()
    assert "Fully booked" in page.content.decode()
    assert fresh(paid).call.payment.status == "refunded"


def test_a_refused_action_says_why(client, alice_client, paid):
    page = as_user(client, alice_client).post(f"/bookings/{paid.pk}/accept/", follow=True)
    assert "Only the expert can do this." in page.content.decode()
    assert fresh(paid).status == "pending"


def test_next_never_leads_off_site(client, alice_client, paid):
    page = as_user(client, alice_client).post(f"/bookings/{paid.pk}/cancel/", {"next": "https://evil.example/"})
    assert page["Location"] == f"/bookings/{paid.pk}/"


def test_the_expert_proposes_a_new_time_from_the_page_and_the_client_accepts(
    client, alice_client, bob_expert, paid, slot
):
    page = as_user(client, bob_expert).get(f"/bookings/{paid.pk}/").content.decode()
    new_start = slot + dt.timedelta(hours=3)
    assert f'value="{new_start.isoformat()}"' in page  # the expert's free times, in their zone (Lagos)

    client.post(f"/bookings/{paid.pk}/reschedule/", {"start": new_start.isoformat()})
    assert RescheduleProposal.objects.get().proposed_start == new_start

    page = as_user(client, alice_client).get(f"/bookings/{paid.pk}/").content.decode()
    assert "A new time is proposed" in page
    client.post(f"/bookings/{paid.pk}/reschedule-accept/")
    assert fresh(paid).call.scheduled_start == new_start
    assert fresh(paid).status == "confirmed"


def test_once_the_call_has_started_the_page_offers_no_new_time(client, bob_expert, paid, slot, frozen_now):
    assert 'id="reschedule-start"' in as_user(client, bob_expert).get(f"/bookings/{paid.pk}/").content.decode()
    frozen_now(slot + dt.timedelta(minutes=5))
    assert 'id="reschedule-start"' not in client.get(f"/bookings/{paid.pk}/").content.decode()


def test_an_unknown_action_is_a_404(client, alice_client, paid):
    assert as_user(client, alice_client).post(f"/bookings/{paid.pk}/explode/").status_code == 404


def test_the_header_links_to_my_bookings(client, alice_client):
    assert 'href="/bookings/"' in as_user(client, alice_client).get("/bookings/").content.decode()
